package dev.rnnkit.savedmodel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The SavedModels Python wrote, read in place from {@code ../shared/fixtures} (see its README).
 * A user's clone has no such folder: tests that need it are skipped there, but under CI
 * ({@code CI=true}) a missing fixture fails the test, so that CI cannot pass by skipping.
 */
final class Fixtures {

  static final Path ROOT = Path.of("..", "shared", "fixtures");

  private Fixtures() {}

  static Path lstmModel() {
    return require("keras-timeseries-rnn/lstm_model");
  }

  static Path gruModel() {
    return require("keras-timeseries-rnn/gru_model");
  }

  static Path multiSignatureModel() {
    return require("tf-python-multisignature/model");
  }

  private static Path require(String relative) {
    Path dir = ROOT.resolve(relative);
    boolean present = Files.isRegularFile(dir.resolve("saved_model.pb"));
    String message =
        "Fixture " + dir.toAbsolutePath().normalize() + " is absent: the SavedModels written by "
            + "Python live next to the project in ../shared/fixtures.";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertTrue(present, message + " CI=true requires them.");
    } else {
      Assumptions.assumeTrue(present, message + " Skipping.");
    }
    return dir;
  }
}
