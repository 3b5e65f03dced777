package dev.rnnkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SavedModels Python wrote, read in place from {@code ../shared/fixtures} (see its README),
 * never copied into the repository. A user's clone has no such folder: tests that need it are
 * skipped there with a message, but under CI ({@code CI=true}) a missing fixture fails the test,
 * so that CI cannot pass by skipping.
 */
public final class SharedFixtures {

  public static final Path ROOT = Path.of("..", "shared", "fixtures");

  private SharedFixtures() {}

  public static Path lstmModel() {
    return require("keras-timeseries-rnn/lstm_model");
  }

  public static Path gruModel() {
    return require("keras-timeseries-rnn/gru_model");
  }

  public static Path multiSignatureModel() {
    return require("tf-python-multisignature/model");
  }

  /** The fixture at {@code relative}, or a skip (a failure under CI) when it is absent. */
  public static Path require(String relative) {
    Path path = ROOT.resolve(relative);
    if (!Files.exists(path)) {
      String absent = path.toAbsolutePath().normalize() + " is absent";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("fixture " + absent + ", but CI=true: CI must run the tests on the Python-written"
            + " fixtures");
      }
      // The text before the colon is what SkipSummary groups by.
      assumeTrue(false, "needs ../shared/fixtures (models written by Python and Keras; beside"
          + " the clone in CI, not in a user's clone): " + absent);
    }
    return path;
  }
}
