package dev.rnnkit.spark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a JVM that runs a Spark program with RNNKit: this JVM's class path plus
 * Spark's jars (the list {@code mvn package} writes to target/spark.classpath, Spark being a
 * provided dependency) and the JVM options Spark's own launcher gives its JVMs on JDK 17. Refers
 * to no Spark class, so that a JVM without Spark can build it.
 */
public final class SparkJvm {

  /** The file beside rnnkit.jar (or beside target/classes in a build) listing Spark's jars. */
  public static final String CLASSPATH_FILE = "spark.classpath";

  private SparkJvm() {}

  /**
   * {@code java [options] -cp [this JVM's class path + Spark's jars] mainClass args}.
   *
   * @param quiet Spark's log at WARN and no web UI (see {@link ScoreJob#QUIET_PROPERTY})
   */
  public static List<String> command(Path sparkClassPath, String mainClass, List<String> args,
      boolean quiet) throws IOException {
    List<String> jars = sparkJars(sparkClassPath);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // This JVM's options, but not a debugger's agent: the child could not bind the same port.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> !option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp"))
        .forEach(command::add);
    command.addAll(moduleOptions(jars));
    // RNNKit's slf4j-nop and Spark's Log4j both provide SLF4J; naming Spark's keeps SLF4J from
    // warning of two, and from silencing Spark's warnings.
    command.add("-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider");
    command.add("-Dslf4j.internal.verbosity=WARN");
    if (quiet) {
      command.add("-D" + ScoreJob.QUIET_PROPERTY + "=true");
    }
    command.add("-cp");
    List<String> classPath = new ArrayList<>();
    classPath.add(System.getProperty("java.class.path"));
    classPath.addAll(jars);
    command.add(String.join(File.pathSeparator, classPath));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** {@value #CLASSPATH_FILE} beside the jar or classes folder {@code codeOf} was loaded from. */
  public static Path classPathFileBeside(Class<?> codeOf) {
    try {
      Path code = Path.of(codeOf.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.toAbsolutePath().getParent().resolve(CLASSPATH_FILE);
    } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
      return Path.of("target", CLASSPATH_FILE);
    }
  }

  /** The jars the file lists, all present, or why not and what to do. */
  public static List<String> sparkJars(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Spark is not on the class path and " + file + " (the list"
          + " of Spark's jars that 'mvn package' writes) is missing. Build with 'mvn -q -B package"
          + " -DskipTests', or run the job with spark-submit --class " + ScoreJob.class.getName()
          + ".");
    }
    List<String> jars = Arrays.stream(Files.readString(file).trim().split(File.pathSeparator))
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
   * The options Spark's launcher gives its JVMs (the --add-opens of the JDK packages Spark reaches
   * into), asked of the spark-launcher jar among {@code jars} so that they follow its version.
   */
  public static List<String> moduleOptions(List<String> jars) throws IOException {
    URL[] launcher = jars.stream()
        .filter(jar -> Path.of(jar).getFileName().toString().startsWith("spark-launcher"))
        .map(SparkJvm::url).toArray(URL[]::new);
    try (URLClassLoader loader = new URLClassLoader(launcher, null)) {
      String[] options = (String[]) loader.loadClass("org.apache.spark.launcher.JavaModuleOptions")
          .getMethod("defaultModuleOptionArray").invoke(null);
      // The incubating Vector API only speeds up some of Spark ML's BLAS, and its module warns
      // on every start.
      return Arrays.stream(options).filter(option -> !option.contains("jdk.incubator")).toList();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot ask Spark's launcher (the spark-launcher jar) for"
          + " its JVM options: " + e + ". Run 'mvn -q -B package -DskipTests' again.", e);
    }
  }

  private static URL url(String jar) {
    try {
      return Path.of(jar).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(jar, e);
    }
  }
}
