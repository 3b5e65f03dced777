package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request of the wrong sequence length fed straight into an exported graph (as a model server
 * or any TensorFlow client does, without RNNKit's checks) must fail with an error, not abort the
 * process: TensorFlow's fused LSTM kernel aborts on a sequence shorter than its step count.
 * Each call runs in a child JVM so that an abort fails this test instead of the test run.
 */
class WrongLengthRequestTest {

  @TempDir static Path tmp;

  @Test
  void shorterOrLongerSequencesGiveAnErrorNotAnAbort() throws Exception {
    Path exported = tmp.resolve("lstm");
    try (Model model = Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, true,
        ExportFixtures.VOCABULARY_SIZE, ExportFixtures.LENGTH), 3)) {
      ModelDirectory.save(model, exported, ExportFixtures.WORDS, ExportFixtures.VOCABULARY_SIZE, false);
    }
    for (int length : new int[] {ExportFixtures.LENGTH - 3, ExportFixtures.LENGTH + 3}) {
      String said = runChild(exported, length);
      assertTrue(said.contains("ERROR") && said.contains("The LSTM layer lstm takes sequences of "
          + ExportFixtures.LENGTH + " time steps") && said.contains("[" + length + "]"), said);
    }
    assertTrue(runChild(exported, ExportFixtures.LENGTH).contains("RAN [2, 1]"));
  }

  private static String runChild(Path model, int length) throws Exception {
    Path log = tmp.resolve("child-" + length + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        WrongLengthMain.class.getName(), model.toString(), Integer.toString(length))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
    } finally {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), "the child process died (exit " + p.exitValue() + "):\n" + output);
    return output;
  }
}
