package dev.rnnkit.savedmodel.export;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
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

  public static TString texts() {
    return TString.vectorOf(TEXTS);
  }
}
