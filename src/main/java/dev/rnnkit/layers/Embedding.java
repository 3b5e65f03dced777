package dev.rnnkit.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras {@code Embedding(input_dim, output_dim)}: maps token ids [batch, time] to vectors
 * [batch, time, output_dim]. Weight {@code embeddings} is uniform(-0.05, 0.05). Without
 * {@code mask_zero}, id 0 is an ordinary row; with it, the output is the same but steps of id 0
 * are masked for the layers after (Keras's {@code compute_mask}: {@code ids != 0}).
 */
public record Embedding(String name, int inputDim, int outputDim, boolean maskZero)
    implements ExplicitGradient {

  public Embedding {
    if (inputDim <= 0 || outputDim <= 0) {
      throw new IllegalArgumentException(
          "Embedding needs positive input_dim and output_dim, got " + inputDim + ", " + outputDim);
    }
  }

  /** An Embedding without {@code mask_zero}. */
  public Embedding(String name, int inputDim, int outputDim) {
    this(name, inputDim, outputDim, false);
  }

  public Embedding(int inputDim, int outputDim) {
    this(null, inputDim, outputDim);
  }

  @Override
  public Layer withName(String newName) {
    return new Embedding(newName, inputDim, outputDim, maskZero);
  }

  /** With {@code mask_zero}: 1 where the id is not 0, laid out as the output's steps. */
  @Override
  public Operand<TFloat32> outputMask(Ops tf, Operand<?> input, Operand<TFloat32> inputMask,
      Shape inputShape, SequenceLayout layout) {
    if (!maskZero) {
      return null;
    }
    Operand<TInt32> ids = lookedUpIds(tf, input, layout);
    return tf.dtypes.cast(tf.math.notEqual(ids, tf.constant(0)), TFloat32.class);
  }

  @Override
  public String kerasClassName() {
    return "Embedding";
  }

  @Override
  public String defaultNamePrefix() {
    return "embedding";
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 2) {
      throw new IllegalArgumentException(
          "Embedding expects token ids of shape [batch, time], got " + inputShape);
    }
    return Shape.of(-1, inputShape.get(1), outputDim);
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    return List.of(
        new WeightSpec(
            "embeddings", new long[] {inputDim, outputDim}, Initializers.uniform(-0.05, 0.05)));
  }

  @Override
  public boolean acceptsTimeMajor() {
    return true;
  }

  /**
   * Time-major vectors come from looking up the transposed ids (4 bytes a step) rather than from
   * transposing the vectors (4 x output_dim bytes a step).
   */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return tf.gather(weights.get("embeddings"), lookedUpIds(tf, input, layout), tf.constant(0));
  }

  /** The ids in the order of the output's vectors. */
  @SuppressWarnings("unchecked")
  private Operand<TInt32> lookedUpIds(Ops tf, Operand<?> input, SequenceLayout layout) {
    if (input.type() != TInt32.class) {
      throw new IllegalArgumentException(
          "Embedding '" + name + "' needs int32 token ids, got " + input.type().getSimpleName());
    }
    Operand<TInt32> ids = (Operand<TInt32>) input;
    return layout == SequenceLayout.TIME_MAJOR
        ? tf.linalg.transpose(ids, tf.constant(new int[] {1, 0}))
        : ids;
  }

  /**
   * The gradient of {@code embeddings} is the output gradient's rows at the looked-up ids: Adam
   * then updates those rows by hand and the rest with a zero gradient, off the critical path.
   */
  @Override
  public Pass forwardPass(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    Operand<TInt32> ids = lookedUpIds(tf, input, layout);
    Operand<TFloat32> output = tf.gather(weights.get("embeddings"), ids, tf.constant(0));
    return new Pass() {
      @Override
      public Operand<TFloat32> output() {
        return output;
      }

      @Override
      public Backward backward(Ops tf, Operand<TFloat32> outputGradient) {
        Operand<TInt32> flatIds = tf.reshape(ids, tf.constant(new int[] {-1}));
        Operand<TFloat32> rows = tf.reshape(outputGradient, tf.constant(new int[] {-1, outputDim}));
        return new Backward(null, Map.of("embeddings", WeightGradient.rows(flatIds, rows, List.of(output))));
      }
    };
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    return 0;
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("input_dim", inputDim);
    config.put("output_dim", outputDim);
    config.put("mask_zero", maskZero);
    return config;
  }
}
