package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java ... Main COMMAND} as a user runs it: TensorFlow's native log lines hidden unless
 * --verbose, the command's exit code passed on, and the command's process gone with the one the
 * user started.
 */
class QuietLauncherTest {

  @TempDir static Path tmp;
  private static Path model;

  @BeforeAll
  static void trainATinyTextModel() throws IOException {
    StringBuilder csv = new StringBuilder("text,label\n");
    for (int i = 0; i < 20; i++) {
      csv.append(i % 2 == 0 ? "a fine film,1\n" : "a dull film,0\n");
    }
    Path data = Files.writeString(tmp.resolve("reviews.csv"), csv);
    model = tmp.resolve("run");  // the run folder; its model is in model/
    CliTest.Run trained = CliTest.run("train", "--csv", data.toString(), "--epochs", "1",
        "--return-sequences", "false", "--out", model.toString());
    assertEquals(0, trained.exit(), trained.err());
    assertTrue(trained.out().contains("Next: rnnkit predict --model " + model.resolve("model")
        + " --text \"A wonderful film.\""), trained.out());
  }

  private record Result(int exit, String out, String err) {}

  private static ProcessBuilder cli(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile());
    builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    builder.environment().remove(QuietLauncher.CHILD_MARKER);
    return builder;
  }

  private static Result run(String name, String... args) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Process p = cli(dir, args).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the command finished");
    return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")),
        Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void onlyRnnkitsOwnLinesByDefaultAndTensorFlowsWithVerbose() throws Exception {
    Result quiet = run("quiet", "predict", "--model", model.resolve("model").toString(), "--text", "a fine film");
    assertEquals(0, quiet.exit(), quiet.err());
    assertTrue(quiet.out().startsWith("0.") || quiet.out().contains("\t"), quiet.out());
    assertEquals("", quiet.err(), "nothing but RNNKit's output");

    Result verbose = run("verbose", "predict", "--model", model.resolve("model").toString(), "--text", "a fine film",
        "--verbose");
    assertEquals(0, verbose.exit(), verbose.err());
    assertTrue(verbose.err().contains("tensorflow/"), verbose.err());
    assertEquals(quiet.out(), verbose.out());
  }

  @Test
  void textsCanComeThroughAPipe() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("piped"));
    List<String> command = new ArrayList<>(List.of("sh", "-c", "printf 'a fine film\\na dull film\\n' | "
        + "\"$0\" -cp \"$1\" " + Main.class.getName() + " predict --model \"$2\" --input /dev/stdin",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("java.class.path"), model.resolve("model").toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    Process p = builder.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
    assertEquals(2, Files.readString(dir.resolve("out.txt")).lines().count(),
        Files.readString(dir.resolve("out.txt")));
  }

  @Test
  void theCommandsExitCodeAndErrorsPassThrough() throws Exception {
    Result missing = run("missing", "predict", "--model", tmp.resolve("absent").toString(),
        "--text", "x");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().startsWith("Error: SavedModel folder not found"), missing.err());
  }

  @Test
  void theCommandEndsWithTheProcessTheUserStarted() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("killed"));
    Process parent = cli(dir, "train", "--data", "synthetic", "--epochs", "100", "--out",
        dir.resolve("out").toString()).start();
    ProcessHandle child = null;
    for (int i = 0; i < 300 && child == null && parent.isAlive(); i++) {
      child = parent.descendants().findFirst().orElse(null);
      Thread.sleep(100);
    }
    assertTrue(child != null && child.isAlive(), "the command runs in a child process");
    parent.destroyForcibly(); // SIGKILL: the parent gets no chance to stop the child itself
    parent.waitFor();
    child.onExit().get(60, TimeUnit.SECONDS);
    assertFalse(child.isAlive(), "the child is gone with its parent");
  }

  @Test
  void whenToUseAChild() {
    List<String> jvm = List.of("-Xss4m");
    assertTrue(QuietLauncher.wantsChild(List.of("train"), Map.of(), jvm));
    assertFalse(QuietLauncher.wantsChild(List.of("train", "--verbose"), Map.of(), jvm));
    assertFalse(QuietLauncher.wantsChild(List.of("train", "--help"), Map.of(), jvm));
    assertFalse(QuietLauncher.wantsChild(List.of(), Map.of(), jvm));
    assertFalse(QuietLauncher.wantsChild(List.of("train"), Map.of("TF_CPP_MIN_LOG_LEVEL", "0"), jvm));
    assertFalse(QuietLauncher.wantsChild(List.of("train"), Map.of(QuietLauncher.CHILD_MARKER, "1"), jvm));
    // Input only this process has: its stdin, a shell's <(...).
    assertFalse(QuietLauncher.wantsChild(List.of("predict", "--input", "/dev/stdin"), Map.of(), jvm));
    assertFalse(QuietLauncher.wantsChild(List.of("predict", "--input", "/dev/fd/63"), Map.of(), jvm));
    // A debugger: its breakpoints are in this JVM, and a child could not bind its port again.
    assertFalse(QuietLauncher.wantsChild(List.of("train"), Map.of(),
        List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005")));
    assertEquals(List.of("train", "--epochs", "1"),
        List.of(QuietLauncher.withoutVerbose(new String[] {"train", "--verbose", "--epochs", "1"})));
  }
}
