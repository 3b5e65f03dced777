package dev.rnnkit.cli;

import dev.rnnkit.spark.ScoreOptions;
import dev.rnnkit.spark.SparkJvm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code score}: the Spark job {@code dev.rnnkit.spark.ScoreJob} on Spark's local mode, for a
 * user without a cluster. Spark is a provided dependency, so the job runs in a JVM of its own
 * ({@link SparkJvm}) with Spark's jars and the JVM options Spark's launcher would give it.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Score a column of a CSV, Parquet or JSON file with a SavedModel on Apache"
        + " Spark (local mode by default), writing the input's columns plus a score column and"
        + " an error column (Parquet by default).",
        "The same job runs on a cluster: spark-submit --class dev.rnnkit.spark.ScoreJob"
        + " rnnkit.jar (see docs/spark.md). Rows that cannot be scored get a null score and the"
        + " reason in the error column; in local mode a failed task is retried up to 4 times.",
        "Example: score --model out/lstm/model --input data/imdb/split-seed-42/test.csv"
        + " --output out/scores"})
final class ScoreCommand implements Callable<Integer> {

  static final String JOB_CLASS = "dev.rnnkit.spark.ScoreJob";

  @Mixin ScoreOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    int command = args.indexOf(spec.name());
    args = new ArrayList<>(args.subList(command + 1, args.size()));
    if (args.stream().noneMatch(arg -> arg.equals("--master") || arg.startsWith("--master="))) {
      args.addAll(List.of("--master", "local[*]"));
    }
    if (sparkRunsHere()) {
      return (Integer) Class.forName(JOB_CLASS).getMethod("execute", String[].class)
          .invoke(null, (Object) args.toArray(String[]::new));
    }
    return runInSparkJvm(args);
  }

  /**
   * Spark is on this class path and the JDK packages it reaches into are open (a notebook, a
   * test, an application that bundles Spark): the job runs in this JVM.
   */
  static boolean sparkRunsHere() {
    try {
      Class.forName("org.apache.spark.sql.SparkSession", false, ScoreCommand.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return false;
    }
    Module unnamed = ScoreCommand.class.getClassLoader().getUnnamedModule();
    return Object.class.getModule().isOpen("sun.nio.ch", unnamed)
        && Object.class.getModule().isOpen("java.nio", unnamed);
  }

  /** Runs the job in a JVM with Spark's jars and returns its exit code. */
  static int runInSparkJvm(List<String> args) throws IOException, InterruptedException {
    return runInSparkJvm(JOB_CLASS, args);
  }

  /**
   * Runs {@code mainClass} in a JVM with Spark's jars ({@link SparkJvm}), its output passed
   * through, stopped with this one; returns its exit code. {@code bench --spark} uses it too.
   */
  static int runInSparkJvm(String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = SparkJvm.command(SparkJvm.classPathFileBeside(ScoreCommand.class),
        mainClass, args, true);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "3");
    // Their options are on the command line already.
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process job = builder.start();
    Thread stop = new Thread(() -> job.toHandle().destroy(), "rnnkit-stop-spark-jvm");
    Runtime.getRuntime().addShutdownHook(stop);
    int exit = job.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException e) {
      // Shutting down already.
    }
    return exit;
  }
}
