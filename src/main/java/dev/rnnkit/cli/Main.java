package dev.rnnkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar rnnkit.jar COMMAND}: the RNNKit command line. */
@Command(
    name = "rnnkit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Keras-exact LSTM and GRU models on TensorFlow Java: build, train, save, load.",
    subcommands = {
      SummaryCommand.class,
      ExamplesCommand.class,
      TrainCommand.class,
      PredictCommand.class,
      InspectCommand.class,
      ImportKerasCommand.class,
      ExportKerasCommand.class,
      BenchCommand.class,
      CompareCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (0 ok, 1 failed, 2 bad usage). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    HelpLayout.apply(cli);
    return cli.execute(args);
  }
}
