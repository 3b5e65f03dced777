package dev.rnnkit.bench;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.util.SplittableRandom;

/**
 * Synthetic labelled inputs of any model's input spec, for timing: a step costs the same
 * whatever the ids or values are, so they only have to be valid. Token ids are drawn from
 * [1, input_dim) of the first Embedding (0 would be padding to a masked model), float features
 * from a standard normal; labels alternate 0 and 1, which binary cross-entropy and mean squared
 * error both take.
 */
public final class BenchData {

  private BenchData() {}

  /**
   * The time steps a benchmark feeds {@code architecture}: its own, or the article's 50 when its
   * length is open (Keras's {@code None}).
   */
  public static int timeSteps(Sequential architecture) {
    InputSpec in = architecture.input();
    return in.isOpenLength() ? ArticleModels.SEQUENCE_LENGTH : in.timeSteps();
  }

  /** {@code n} sequences of {@code steps} steps for {@code architecture}'s input. */
  public static SequenceData of(Sequential architecture, int n, int steps, long seed) {
    InputSpec in = architecture.input();
    if (!in.isTokens()) {
      return SyntheticTask.features(n, steps, in.features(), seed);
    }
    int vocabulary = vocabulary(architecture);
    SplittableRandom random = new SplittableRandom(seed);
    int[] ids = new int[n * steps];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(1, vocabulary);
    }
    float[] labels = new float[n];
    for (int i = 0; i < n; i += 2) {
      labels[i] = 1f;
    }
    return SequenceData.ofTokens(steps, ids, labels);
  }

  /** The input_dim of the first Embedding: the ids a token model takes are below it. */
  private static int vocabulary(Sequential architecture) {
    Embedding embedding = architecture.layers().stream()
        .filter(Embedding.class::isInstance).map(Embedding.class::cast).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("The model takes token ids but has no"
            + " Embedding layer to say which ids are valid: a benchmark of it needs one"));
    if (embedding.inputDim() < 2) {
      throw new IllegalArgumentException("Embedding '" + embedding.name() + "' takes only id 0"
          + " (input_dim " + embedding.inputDim() + "), which is padding: a benchmark needs ids"
          + " above 0");
    }
    return embedding.inputDim();
  }
}
