package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/** Inputs shared by the export test and the fresh JVM it starts. */
public final class ExportFixtures {

  public static final int LENGTH = 8;
  public static final int VOCABULARY_SIZE = 100;
  public static final List<String> WORDS = List.of("the", "movie", "good", "bad", "don't", "film");
  public static final String[] TEXTS = {
    "The movie was GOOD!<br />bad",
    "",
    "x y z the the the the the the the the the the",
    "Don't   watch this film...\tseriously, don't.",
  };
  public static final int[][] EXPECTED_IDS = {
    {0, 0, 1, 4, 5, 2, 6, 7},
    {0, 0, 0, 0, 0, 0, 0, 1},
    {4, 4, 4, 4, 4, 4, 4, 4},
    {0, 1, 8, 2, 2, 9, 2, 8},
  };

  private ExportFixtures() {}

  public static TInt32 ids() {
    int[] flat = new int[EXPECTED_IDS.length * LENGTH];
    for (int i = 0; i < EXPECTED_IDS.length; i++) {
      System.arraycopy(EXPECTED_IDS[i], 0, flat, i * LENGTH, LENGTH);
    }
    return TInt32.tensorOf(Shape.of(EXPECTED_IDS.length, LENGTH), DataBuffers.of(flat, true, false));
  }

  /** An article model of the fixtures' size, saved into {@code dir} with their vocabulary. */
  public static Model savedModel(ArticleModels.Cell cell, boolean returnSequences, long seed, Path dir)
      throws IOException {
    Model model = Model.compile(
        ArticleModels.build(cell, returnSequences, VOCABULARY_SIZE, LENGTH), seed);
    ModelDirectory.save(model, dir, WORDS, VOCABULARY_SIZE, false);
    return model;
  }

  /**
   * A freshly compiled model of {@code architecture} saved as RNNKit's model folder loads with
   * the same summary and predicts {@code inputs} as it did.
   */
  static void assertSurvivesTheModelFolder(Sequential architecture, Loss loss, SequenceData inputs,
      Path folder) throws IOException {
    float[][] before;
    try (Model model = Model.compile(architecture, Adam.keras(), loss, 7)) {
      before = model.predict(inputs, inputs.size());
      ModelDirectory.save(model, folder, null, 0, false);
    }
    try (ModelDirectory.Loaded loaded = ModelDirectory.load(folder)) {
      assertEquals(architecture.summary(), loaded.model().architecture().summary());
      float[][] after = loaded.model().predict(inputs, inputs.size());
      for (int i = 0; i < before.length; i++) {
        assertArrayEquals(before[i], after[i], 1e-7f);
      }
    }
  }

  public static TString texts() {
    return TString.vectorOf(TEXTS);
  }
}
