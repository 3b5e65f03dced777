package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativeLogFilterTest {

  /** What a predict printed on stderr, TensorFlow's lines and RNNKit's own mixed. */
  private static final String STDERR = String.join("\n",
      "2026-12-07 15:44:21.601144: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on.",
      "2026-12-07 15:44:21.718301: I tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary is optimized.",
      "To enable the following instructions: AVX2 AVX512F FMA, in other operations, rebuild TensorFlow.",
      "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
      "I0000 00:00:1796658261.738935   27872 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled",
      "2026-12-07 15:29:35.646985: E tensorflow/core/util/util.cc:131] oneDNN supports DT_INT32 only on platforms with AVX-512.",
      "Using out/lstm/model: out/lstm is the output folder of a run.",
      "To enable the following instructions is what a user might write too",
      "2026-12-07 15:29:35.646985: F tensorflow/core/framework/tensor.cc:1] Check failed: a crash explained",
      "Error: something went wrong\r",
      "no line break at the end");

  @Test
  void tensorFlowsLogLinesAreLeftOutAndEverythingElsePasses() throws IOException {
    assertEquals(String.join("\n",
        "Using out/lstm/model: out/lstm is the output folder of a run.",
        "To enable the following instructions is what a user might write too",
        "2026-12-07 15:29:35.646985: F tensorflow/core/framework/tensor.cc:1] Check failed: a crash explained",
        "Error: something went wrong\r",
        "no line break at the end"), filter(STDERR));
  }

  @Test
  void bytesThatAreNotLogLinesPassUnchanged() throws IOException {
    String text = "progress 1/3\rprogress 2/3\rdone\n\u00e9t\u00e9 \u2713\n";
    assertEquals(text, filter(text));
  }

  private static String filter(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeLogFilter.copy(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
