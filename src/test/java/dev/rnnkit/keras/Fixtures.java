package dev.rnnkit.keras;

import dev.rnnkit.SharedFixtures;
import java.nio.file.Path;

/** The Python-written fixtures, as {@link SharedFixtures} finds them. */
final class Fixtures {

  static final Path ROOT = SharedFixtures.ROOT;

  private Fixtures() {}

  static Path require(String relative) {
    return SharedFixtures.require(relative);
  }
}
