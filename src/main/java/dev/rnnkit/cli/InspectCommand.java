package dev.rnnkit.cli;

import dev.rnnkit.savedmodel.SavedModelInspector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a SavedModel's tags and every signature's inputs and outputs (key, dtype,"
        + " shape, tensor name) and method name, as saved_model_cli show --all does.")
final class InspectCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "The SavedModel folder (holding saved_model.pb).")
  Path dir;

  @Override
  public Integer call() {
    System.out.print(SavedModelInspector.describe(dir));
    return 0;
  }
}
