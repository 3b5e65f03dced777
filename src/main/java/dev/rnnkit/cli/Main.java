package dev.rnnkit.cli;

import java.util.List;
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
      ExportServingCommand.class,
      ScoreCommand.class,
      BenchCommand.class,
      CompareCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Read by main() before picocli parses (it may stand anywhere); declared for the help text.
  @CommandLine.Option(names = QuietLauncher.VERBOSE,
      description = "Show TensorFlow's native log lines (hidden by default). Accepted after any"
          + " command too.")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Runs the command in a child JVM that hides TensorFlow's native log lines, unless
   * {@code --verbose} is given (anywhere) or TF_CPP_MIN_LOG_LEVEL is set; see
   * {@link QuietLauncher}.
   */
  public static void main(String[] args) {
    String[] command = QuietLauncher.withoutVerbose(args);
    if (System.getenv(QuietLauncher.CHILD_MARKER) != null) {
      QuietLauncher.haltWithParent();
    } else if (QuietLauncher.wantsChild(List.of(args), System.getenv(),
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())) {
      try {
        System.exit(QuietLauncher.runInChild(command));
      } catch (java.io.IOException e) {
        System.err.println("Could not start a Java process for the command (" + e.getMessage()
            + "); running it here, with TensorFlow's log lines.");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        System.exit(130);
      }
    }
    System.exit(execute(command));
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
