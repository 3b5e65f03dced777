package dev.rnnkit.savedmodel.export;

import dev.rnnkit.savedmodel.SavedModelContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Finds the SavedModel folder a user names. The output folder of {@code train} or
 * {@code examples} (metrics, plots, checkpoint) holds its model in {@code model/}; naming the
 * output folder is an easy slip, so that {@code model/} is used instead, with a note.
 */
public final class ModelFolder {

  /** Where train and examples put the model inside their output folder. */
  public static final String IN_RUN_FOLDER = "model";

  private ModelFolder() {}

  /**
   * The SavedModel folder {@code given} stands for: itself, or its {@code model/} folder when
   * only that is a SavedModel.
   *
   * @param note is told when {@code model/} is used instead
   * @throws dev.rnnkit.savedmodel.SavedModelException if the folder is missing ("not found"), is
   *     a file, or is not a SavedModel (listing what it holds)
   */
  public static Path resolve(Path given, Consumer<String> note) {
    Path inside = given.resolve(IN_RUN_FOLDER);
    if (!isSavedModel(given) && isSavedModel(inside)) {
      note.accept("Using " + inside + ": " + given + " is the output folder of a run, whose model"
          + " is in " + IN_RUN_FOLDER + "/.");
      return inside;
    }
    SavedModelContents.savedModelFile(given);
    return given;
  }

  private static boolean isSavedModel(Path dir) {
    return Files.isRegularFile(dir.resolve(SavedModelContents.SAVED_MODEL_FILE));
  }
}
