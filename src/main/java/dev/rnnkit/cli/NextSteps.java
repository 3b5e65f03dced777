package dev.rnnkit.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The "where is it, what now" lines a run ends with, naming the command as the user ran it. */
final class NextSteps {

  private NextSteps() {}

  /** How to run RNNKit again: {@code java -jar target/rnnkit.jar} when started from the jar. */
  static String launcher() {
    try {
      Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)) {
        return "java -jar " + relative(location);
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // No code source to name: fall through to the generic form.
    }
    return "rnnkit";
  }

  /** The line that says what to try with a saved model. */
  static String tryModel(Path modelDir, boolean takesText) {
    String model = relative(modelDir);
    return takesText
        ? "Next: " + launcher() + " predict --model " + model + " --text \"A wonderful film.\""
        : "Next: " + launcher() + " inspect --model " + model
            + "   (its signatures; predict --model " + model + " --input KEY=JSON calls one)";
  }

  /** A path relative to the working folder when it lies inside it. */
  static String relative(Path path) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(here) && !absolute.equals(here)
        ? here.relativize(absolute).toString() : absolute.toString();
  }
}
