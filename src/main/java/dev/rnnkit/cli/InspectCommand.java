package dev.rnnkit.cli;

import dev.rnnkit.savedmodel.SavedModelInspector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a SavedModel's tags and every signature's inputs and outputs (key, dtype,"
        + " shape, tensor name) and method name, as saved_model_cli show --all does.")
final class InspectCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1",
      description = "The SavedModel folder (holding saved_model.pb).")
  Path dir;

  // Every other command names its model with --model; inspect takes that form too.
  @Option(names = "--model", paramLabel = "DIR", description = "The same, as other commands take it.")
  Path model;

  @Override
  public Integer call() {
    if ((dir == null) == (model == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Give the SavedModel folder once: inspect DIR or inspect --model DIR");
    }
    System.out.print(SavedModelInspector.describe(dir != null ? dir : model));
    return 0;
  }
}
