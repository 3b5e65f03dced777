package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.CsvSource;
import dev.rnnkit.data.SampleSizes;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SplitPolicy;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.data.VectorizerConfig;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras's text classifier from Java on texts of their own lengths: Bidirectional(LSTM) over
 * Embedding(mask_zero=True) with an open length, trained on ragged sequences that RNNKit pads per
 * batch. Padding is masked, so the same model trained on the same sequences padded by hand to
 * one length ends with the same weights.
 */
class OpenLengthTrainingTest {

  @TempDir Path dir;

  private static int[][] raggedIds(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[][] ids = new int[count][];
    for (int i = 0; i < count; i++) {
      ids[i] = new int[1 + random.nextInt(23)];
      for (int t = 0; t < ids[i].length; t++) {
        ids[i][t] = 1 + random.nextInt(99); // no 0: padding only where RNNKit adds it
      }
    }
    return ids;
  }

  private static float[] labels(int[][] ids) {
    float[] labels = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      labels[i] = ids[i][ids[i].length - 1] % 2;
    }
    return labels;
  }

  @Test
  void raggedTrainingEqualsTrainingOnHandPaddedSequences() {
    int[][] ids = raggedIds(40, 5);
    float[] labels = labels(ids);
    int longest = java.util.Arrays.stream(ids).mapToInt(r -> r.length).max().orElseThrow();
    int[][] padded = new int[ids.length][longest];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(ids[i], 0, padded[i], 0, ids[i].length);
    }
    FitOptions options = FitOptions.builder().epochs(2).batchSize(8).shuffle(false)
        .progressOut(null).build();
    List<Weight> open;
    try (Model model = Model.compile(bilstm(InputSpec.OPEN_LENGTH), 9)) {
      Trainer.fit(model, SequenceData.ofRaggedTokens(ids, labels), options);
      open = model.weights();
    }
    try (Model model = Model.compile(bilstm(longest), 9)) {
      Trainer.fit(model, SequenceData.ofTokens(padded, labels), options);
      List<Weight> fixed = model.weights();
      for (int w = 0; w < fixed.size(); w++) {
        float[] a = fixed.get(w).values();
        float[] b = open.get(w).values();
        for (int k = 0; k < a.length; k++) {
          assertEquals(a[k], b[k], 2e-5, fixed.get(w).name() + "[" + k + "]");
        }
      }
    }
  }

  @Test
  void textsAtTheirOwnLengthsTrainTheBidirectionalClassifier() throws IOException {
    Path csv = dir.resolve("reviews.csv");
    List<String> lines = new ArrayList<>(List.of("text,label"));
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 120; i++) {
      StringBuilder text = new StringBuilder(i % 2 == 0 ? "good" : "bad");
      for (int w = random.nextInt(30); w > 0; w--) {
        text.append(" filler").append(random.nextInt(20));
      }
      lines.add(text + "," + (i % 2 == 0 ? 1 : 0));
    }
    Files.write(csv, lines);
    TrainingData data = new CsvSource(csv, "text", "label", SplitPolicy.parse("80-20"))
        .withMaxLength(VectorizerConfig.NO_MAX_LENGTH)
        .load(1, SampleSizes.ALL, line -> { });
    assertTrue(data.train().isRagged());
    Sequential architecture = ArticleModels.build(ArticleModels.Cell.BILSTM, false,
        ArticleModels.VOCABULARY, InputSpec.OPEN_LENGTH);
    try (Model model = Model.compile(architecture, 4)) {
      History history = Trainer.fit(model, data.train(), FitOptions.builder().epochs(4)
          .batchSize(16).progressOut(null).build());
      List<Double> loss = history.get("loss");
      assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss falls: " + loss);
      assertEquals(data.test().size(), model.predict(data.test(), 16).length);
    }
  }

  private static Sequential bilstm(int length) {
    return ArticleModels.build(ArticleModels.Cell.BILSTM, false, 100, length);
  }
}
