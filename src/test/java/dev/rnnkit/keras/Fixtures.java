package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SavedModels written by Python that the project keeps in {@code ../shared/fixtures} (not in
 * the repository). Tests on them are skipped with a message where the folder is absent, as in a
 * fresh clone, but fail under CI ({@code CI=true}), where the folder must be there.
 */
final class Fixtures {

  static final Path ROOT = Path.of("..", "shared", "fixtures");

  private Fixtures() {}

  static Path require(String relative) {
    Path path = ROOT.resolve(relative);
    if (!Files.exists(path)) {
      String message = "fixture " + path.toAbsolutePath().normalize() + " is absent";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + ", but CI=true: CI must run the tests on the Python-written fixtures");
      }
      assumeTrue(false, message + "; skipping (these tests need ../shared/fixtures)");
    }
    return path;
  }
}
