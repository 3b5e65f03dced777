package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.metrics.Evaluation;
import org.junit.jupiter.api.Test;

/**
 * evaluate and predict run batches on several threads at once; their results must be exactly
 * those of the batches taken one at a time, in order.
 */
class BatchedInferenceTest {

  private static final int BATCH = 8;

  @Test
  void evaluateEqualsTheBatchesOneByOne() {
    for (ArticleModels.Cell cell : ArticleModels.Cell.values()) {
      SequenceData data = SyntheticTask.tokens(8 * BATCH + 3, 12, 50, 5);
      try (Model model = Model.compile(ArticleModels.build(cell, true, 50, 12), 3)) {
        Evaluation all = model.evaluate(data, BATCH);
        double lossSum = 0;
        double correct = 0;
        double correctLast = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
          SequenceData batch = data.slice(from, Math.min(data.size(), from + BATCH));
          Evaluation one = model.evaluate(batch, BATCH);
          lossSum += one.loss() * one.samples();
          correct += one.accuracy() * one.samples();
          correctLast += one.lastStepAccuracy() * one.samples();
        }
        assertEquals(data.size(), all.samples());
        assertEquals(lossSum / data.size(), all.loss(), 1e-12, cell.name());
        assertEquals(correct / data.size(), all.accuracy(), 1e-12, cell.name());
        assertEquals(correctLast / data.size(), all.lastStepAccuracy(), 1e-12, cell.name());
      }
    }
  }

  @Test
  void aBatchLargerThanTheDataIsOneBatch() {
    SequenceData data = SyntheticTask.tokens(13, 12, 50, 7);
    try (Model model = Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, true, 50, 12), 5)) {
      Evaluation one = model.evaluate(data, data.size());
      for (int huge : new int[] {data.size() + 1, Integer.MAX_VALUE}) {
        assertEquals(one, model.evaluate(data, huge), "batch size " + huge);
        float[][] all = model.predict(data, huge);
        float[][] single = model.predict(data, data.size());
        for (int i = 0; i < data.size(); i++) {
          assertArrayEquals(single[i], all[i], "batch size " + huge + ", sequence " + i);
        }
      }
    }
  }

  @Test
  void predictKeepsEverySequenceInItsRow() {
    SequenceData data = SyntheticTask.tokens(6 * BATCH + 5, 12, 50, 6);
    try (Model model = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, true, 50, 12), 4)) {
      float[][] all = model.predict(data, BATCH);
      assertEquals(data.size(), all.length);
      for (int from = 0; from < data.size(); from += BATCH) {
        float[][] one = model.predict(data.slice(from, Math.min(data.size(), from + BATCH)), BATCH);
        for (int i = 0; i < one.length; i++) {
          assertArrayEquals(one[i], all[from + i], "sequence " + (from + i));
        }
      }
    }
  }
}
