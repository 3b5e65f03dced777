package dev.rnnkit.cli;

import dev.rnnkit.spark.ScoreOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code score}: the Spark job {@code dev.rnnkit.spark.ScoreJob} on Spark's local mode, for a
 * user without a cluster. Spark is a provided dependency, so the job runs in a JVM of its own
 * whose class path adds the Spark jars Maven resolved (target/spark.classpath, written by
 * {@code mvn package}) and whose options open the JDK packages Spark needs.
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
  static final String SPARK_CLASSPATH_FILE = "spark.classpath";

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

  private static int runInSparkJvm(List<String> args) throws IOException, InterruptedException {
    List<String> sparkJars = sparkJars(sparkClassPathFile());
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(moduleOptions(sparkJars));
    // RNNKit's slf4j-nop and Spark's Log4j both provide SLF4J; name Spark's, so that SLF4J
    // neither warns of two nor silences Spark's warnings.
    command.add("-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider");
    command.add("-Dslf4j.internal.verbosity=WARN");
    command.add("-Drnnkit.spark.quiet=true");
    command.add("-cp");
    List<String> classPath = new ArrayList<>();
    classPath.add(System.getProperty("java.class.path"));
    classPath.addAll(sparkJars);
    command.add(String.join(java.io.File.pathSeparator, classPath));
    command.add(JOB_CLASS);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "3");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process job = builder.start();
    Thread stop = new Thread(() -> job.toHandle().destroy(), "rnnkit-stop-score");
    Runtime.getRuntime().addShutdownHook(stop);
    int exit = job.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException e) {
      // Shutting down already.
    }
    return exit;
  }

  /** target/spark.classpath beside rnnkit.jar (or beside target/classes, in a build). */
  static Path sparkClassPathFile() {
    try {
      Path code = Path.of(ScoreCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.toAbsolutePath().getParent().resolve(SPARK_CLASSPATH_FILE);
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Path.of("target", SPARK_CLASSPATH_FILE);
    }
  }

  /** The jars the file lists, all present, or why not and what to do. */
  static List<String> sparkJars(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Spark is not on the class path and " + file + " (the list"
          + " of Spark's jars that 'mvn package' writes) is missing. Build with 'mvn -q -B package"
          + " -DskipTests', or run the job with spark-submit --class " + JOB_CLASS + ".");
    }
    List<String> jars = Arrays.stream(Files.readString(file).trim().split(java.io.File.pathSeparator))
        .filter(jar -> !jar.isBlank()).toList();
    for (String jar : jars) {
      if (!Files.isRegularFile(Path.of(jar))) {
        throw new IllegalStateException("Spark's jar " + jar + ", listed in " + file + ", is"
            + " missing (a cleaned Maven repository?). Run 'mvn -q -B package -DskipTests' again.");
      }
    }
    return jars;
  }

  /**
   * The JVM options Spark's own launcher gives its JVMs on JDK 17 (the --add-opens of the
   * packages it reaches into), asked of Spark's launcher so that they follow its version.
   */
  static List<String> moduleOptions(List<String> sparkJars) throws IOException {
    URL[] launcher = sparkJars.stream().filter(jar -> Path.of(jar).getFileName().toString()
        .startsWith("spark-launcher")).map(ScoreCommand::url).toArray(URL[]::new);
    try (URLClassLoader loader = new URLClassLoader(launcher, null)) {
      String[] options = (String[]) loader.loadClass("org.apache.spark.launcher.JavaModuleOptions")
          .getMethod("defaultModuleOptionArray").invoke(null);
      // The incubating Vector API only speeds up some of Spark ML's BLAS, and its module warns
      // on every start.
      return Arrays.stream(options).filter(option -> !option.contains("jdk.incubator")).toList();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot ask Spark's launcher (spark-launcher jar) for its"
          + " JVM options: " + e + ". Run 'mvn -q -B package -DskipTests' again.", e);
    }
  }

  private static URL url(String jar) {
    try {
      return Path.of(jar).toUri().toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException(jar, e);
    }
  }
}
