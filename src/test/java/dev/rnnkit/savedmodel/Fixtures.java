package dev.rnnkit.savedmodel;

import dev.rnnkit.SharedFixtures;
import java.nio.file.Path;

/** The Python-written fixtures, as {@link SharedFixtures} finds them. */
final class Fixtures {

  static final Path ROOT = SharedFixtures.ROOT;

  private Fixtures() {}

  static Path lstmModel() {
    return SharedFixtures.lstmModel();
  }

  static Path gruModel() {
    return SharedFixtures.gruModel();
  }

  static Path multiSignatureModel() {
    return SharedFixtures.multiSignatureModel();
  }
}
