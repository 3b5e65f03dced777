package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ScoreJob under Spark's own entry point, {@code org.apache.spark.deploy.SparkSubmit}, on Spark's
 * own class path: Spark's artifacts resolved alone, as a Spark distribution's jars/ folder holds
 * them, with RNNKit's jar and its other dependencies given as spark-submit's --jars, as on a
 * cluster: each library both use is Spark's version. Jackson and protobuf must be those versions
 * in the build too, or a cluster would run RNNKit on other versions than its tests.
 */
class SparkSubmitTest {

  private static final boolean CI = "true".equals(System.getenv("CI"));

  @TempDir Path tmp;

  @Test
  void scoreJobRunsUnderSparkSubmitWithRnnkitsJarsBesideSparks() throws Exception {
    Path repo = Path.of(property("rnnkit.maven.repo"));
    List<Path> sparkOwn = resolveSparkAlone(repo, property("rnnkit.spark.version"));
    Map<String, String> sparkVersions = versions(repo, sparkOwn);
    List<Path> rnnkitOnly = new ArrayList<>();
    for (String entry : Files.readString(Path.of(property("rnnkit.runtime.classpath"))).trim()
        .split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      String[] coordinates = coordinates(repo, jar);
      String sparks = sparkVersions.get(coordinates[0]);
      if (sparks != null && mustBeSparks(coordinates[0])) {
        assertEquals(sparks, coordinates[1], coordinates[0] + " differs from the version Spark"
            + " brings: pin it to " + sparks + " in pom.xml");
      } else if (sparks == null && !coordinates[0].equals("org.slf4j:slf4j-nop")) {
        rnnkitOnly.add(jar);
      }
    }

    Path model = tmp.resolve("lstm");
    ExportFixtures.savedModel(ArticleModels.Cell.LSTM, false, 13, model).close();
    List<String> texts = SavedModelScorerTest.texts(SavedModelScorerTest.BATCH, 21).stream()
        .map(text -> text.isEmpty() ? "film" : text).toList();
    Path input = tmp.resolve("reviews.csv");
    try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(input), CSVFormat.RFC4180)) {
      csv.printRecord("id", "text");
      for (int i = 0; i < texts.size(); i++) {
        csv.printRecord(i, texts.get(i));
      }
    }
    Path output = tmp.resolve("scores");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(SparkJvm.moduleOptions(sparkOwn.stream().map(Path::toString).toList()));
    command.addAll(List.of("-cp", join(sparkOwn, File.pathSeparator),
        "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--conf", "spark.ui.enabled=false", "--class", ScoreJob.class.getName(),
        "--jars", join(rnnkitOnly, ","), appJar().toString(),
        "--model", model.toString(), "--input", input.toString(), "--output", output.toString(),
        "--format", "csv", "--batch-size", String.valueOf(SavedModelScorerTest.BATCH)));
    Path log = tmp.resolve("spark-submit.log");
    Process submit = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!submit.waitFor(5, TimeUnit.MINUTES)) {
      submit.destroyForcibly();
      fail("spark-submit did not finish in 5 minutes; its log:\n" + tail(log));
    }
    assertEquals(0, submit.exitValue(), "spark-submit failed; its log:\n" + tail(log));
    assertTrue(Files.readString(log).contains("Scored 250 rows"), tail(log));

    float[] expected = SavedModelScorerTest.reference(model, texts);
    List<CSVRecord> rows = ScoreJobTest.readCsv(output);
    assertEquals(texts.size(), rows.size());
    for (CSVRecord row : rows) {
      int id = Integer.parseInt(row.get("id"));
      assertEquals(expected[id], Float.parseFloat(row.get("score")), 0f, "row " + id);
    }
  }

  /**
   * Jackson (Spark's jackson-module-scala refuses another minor version of jackson-databind) and
   * protobuf (TensorFlow Java's classes run on Spark's on a cluster): the tests must run on the
   * versions a cluster runs. Other shared libraries may be newer here; Spark's win on a cluster,
   * as in this test.
   */
  private static boolean mustBeSparks(String groupAndArtifact) {
    return groupAndArtifact.startsWith("com.fasterxml.jackson.")
        || groupAndArtifact.equals("com.google.protobuf:protobuf-java");
  }

  /** Spark SQL and Spark ML alone, resolved by Maven from the local repository. */
  private List<Path> resolveSparkAlone(Path repo, String version) throws Exception {
    Path pom = Files.writeString(tmp.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.rnnkit.test</groupId><artifactId>spark-alone</artifactId><version>1</version>
          <dependencies>
            <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId>
              <version>%1$s</version></dependency>
            <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_2.13</artifactId>
              <version>%1$s</version></dependency>
          </dependencies>
          <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
          </plugin></plugins></build>
        </project>
        """.formatted(version));
    Path listing = tmp.resolve("spark.classpath");
    Path mvnLog = tmp.resolve("mvn.log");
    List<String> mvn = List.of(mavenExecutable(), "-B", "-q", "-o", "-f", pom.toString(),
        "-Dmaven.repo.local=" + repo, "dependency:build-classpath",
        "-Dmdep.outputFile=" + listing);
    Process maven = new ProcessBuilder(mvn).redirectErrorStream(true)
        .redirectOutput(mvnLog.toFile()).start();
    if (!maven.waitFor(3, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      fail("Maven did not resolve Spark in 3 minutes:\n" + tail(mvnLog));
    }
    assertEquals(0, maven.exitValue(), "Maven could not resolve Spark alone (offline, from "
        + repo + "):\n" + tail(mvnLog));
    return Arrays.stream(Files.readString(listing).trim().split(File.pathSeparator))
        .map(Path::of).toList();
  }

  private static String mavenExecutable() {
    String name = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
    List<Path> candidates = new ArrayList<>();
    for (String home : new String[] {System.getProperty("maven.home"), System.getenv("MAVEN_HOME")}) {
      if (home != null) {
        candidates.add(Path.of(home, "bin", name));
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(Path.of(dir, name));
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
        .orElseGet(() -> {
          String message = "no Maven (" + name + ") on PATH or in MAVEN_HOME to resolve Spark alone";
          if (CI) {
            fail(message + "; CI=true needs it");
          }
          assumeTrue(false, message + "; skipping");
          return null;
        });
  }

  /** group:artifact to version, from the jars' paths in the repository. */
  private static Map<String, String> versions(Path repo, List<Path> jars) {
    Map<String, String> versions = new TreeMap<>();
    for (Path jar : jars) {
      String[] coordinates = coordinates(repo, jar);
      versions.put(coordinates[0], coordinates[1]);
    }
    return versions;
  }

  /** {group:artifact, version} of a jar at repo/group/path/artifact/version/file. */
  private static String[] coordinates(Path repo, Path jar) {
    Path relative = repo.toAbsolutePath().normalize().relativize(jar.toAbsolutePath().normalize());
    int n = relative.getNameCount();
    StringBuilder group = new StringBuilder();
    for (int i = 0; i < n - 3; i++) {
      group.append(i == 0 ? "" : ".").append(relative.getName(i));
    }
    return new String[] {group + ":" + relative.getName(n - 3), relative.getName(n - 2).toString()};
  }

  /** RNNKit's classes as the jar spark-submit ships (the build's jar comes only at package). */
  private Path appJar() throws IOException {
    Path classes = Path.of(ScoreJob.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path jar = tmp.resolve("rnnkit-app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, (OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      String message = "system property " + name + " is unset: Maven's test phase sets it (pom.xml)";
      if (CI) {
        fail(message + "; CI=true: run the tests with mvn test");
      }
      assumeTrue(false, message + "; skipping, run mvn test");
    }
    return value;
  }

  private static String join(List<Path> paths, String separator) {
    return String.join(separator, paths.stream().map(Path::toString).toList());
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
