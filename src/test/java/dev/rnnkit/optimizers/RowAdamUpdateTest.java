package dev.rnnkit.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Embedding's Adam update (zero-gradient ApplyAdam on the whole table, touched rows redone
 * by hand) must give what TensorFlow's dense ApplyAdam gives, element for element: here
 * ApplyAdam's float arithmetic is replayed in Java on the dense gradient.
 */
class RowAdamUpdateTest {

  private static final int VOCABULARY = 200;

  @Test
  void embeddingUpdateEqualsDenseApplyAdamOnTouchedAndUntouchedRows() {
    Sequential arch = Sequential.of(InputSpec.tokens(5),
        new Embedding(VOCABULARY, 3), new GRU(4, true), new Dense(1, Activation.SIGMOID));
    Adam adam = Adam.keras();
    try (Model model = Model.compile(arch, 7)) {
      for (int step = 1; step <= 3; step++) {
        SequenceData batch = SyntheticTask.tokens(6, 5, VOCABULARY, step);
        float[] before = model.weights().get(0).values();
        List<Weight> slots = model.optimizerState().slots();
        float[] m = slots.get(0).values().clone();
        float[] v = slots.get(1).values().clone();
        float[] g = model.gradients(batch).get(0);
        model.trainStep(batch, batch.naturalOrder(), 0, batch.size());
        float[] after = model.weights().get(0).values();

        float b1p = adam.beta1Power(step);
        float b2p = adam.beta2Power(step);
        float alpha = adam.learningRate() * (float) Math.sqrt(1f - b2p) / (1f - b1p);
        int touched = 0;
        for (int i = 0; i < before.length; i++) {
          touched += g[i] != 0 ? 1 : 0;
          m[i] += (g[i] - m[i]) * (1f - adam.beta1());
          v[i] += (g[i] * g[i] - v[i]) * (1f - adam.beta2());
          float expected = before[i] - (m[i] * alpha) / ((float) Math.sqrt(v[i]) + adam.epsilon());
          assertEquals(expected, after[i], 0f, "step " + step + ", embeddings[" + i + "]");
        }
        List<Weight> newSlots = model.optimizerState().slots();
        assertEquals(m[0], newSlots.get(0).values()[0], Math.ulp(m[0]));
        assertTrue(touched > 0 && touched < before.length, "the batch touches some rows, not all");
      }
    }
  }
}
