package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Over 100 steps or more the fused LSTM's gradient is TensorFlow's own backward kernel (one op
 * instead of an unrolled graph): it equals the gradient of the same LSTM unrolled step by step,
 * without a mask and with post-padded masked rows (whole reviews, one graph per length bucket).
 */
class LongSequenceGradientTest {

  private static final int STEPS = 130;

  @Test
  void longUnmaskedSequences() {
    assertSameGradients(false, new LSTM(null, 4, false, true), new LSTM(null, 4, false, false));
  }

  @Test
  void longPostPaddedSequencesThroughABidirectionalLstm() {
    assertSameGradients(true, new Bidirectional(new LSTM(null, 4, true, true)),
        new Bidirectional(new LSTM(null, 4, true, false)));
  }

  private static void assertSameGradients(boolean masked, Layer fused, Layer unrolled) {
    SplittableRandom random = new SplittableRandom(8);
    int[][] ids = new int[3][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = new int[masked ? STEPS - 40 * i : STEPS];
      for (int t = 0; t < ids[i].length; t++) {
        ids[i][t] = 1 + random.nextInt(29);
      }
    }
    SequenceData batch = masked ? SequenceData.ofRaggedTokens(ids, new float[] {1, 0, 1})
        : SequenceData.ofTokens(ids, new float[] {1, 0, 1});
    InputSpec input = masked ? InputSpec.openTokens() : InputSpec.tokens(STEPS);
    List<float[]> expected = gradients(input, masked, unrolled, batch);
    List<float[]> actual = gradients(input, masked, fused, batch);
    for (int w = 0; w < expected.size(); w++) {
      for (int k = 0; k < expected.get(w).length; k++) {
        assertEquals(expected.get(w)[k], actual.get(w)[k],
            1e-6 + 1e-4 * Math.abs(expected.get(w)[k]), "weight " + w + "[" + k + "]");
      }
    }
  }

  private static List<float[]> gradients(InputSpec input, boolean masked, Layer rnn,
      SequenceData batch) {
    Sequential arch = Sequential.of(input, new Embedding(null, 30, 3, masked), rnn,
        new Dense(1, Activation.SIGMOID));
    try (Model model = Model.compile(arch, 17)) {
      return model.gradients(batch);
    }
  }
}
