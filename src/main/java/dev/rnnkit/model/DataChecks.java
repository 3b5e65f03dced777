package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.losses.Loss;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;

/**
 * Refuses data and settings a model's graph cannot take, before any native call, with the fix
 * in the message.
 */
final class DataChecks {

  private final Sequential architecture;
  private final Loss loss;

  DataChecks(Sequential architecture, Loss loss) {
    this.architecture = architecture;
    this.loss = loss;
  }

  /** Training and evaluation compare one label per sequence with every output value. */
  void trainable() {
    Shape out = architecture.outputShape();
    long units = out.get(out.numDimensions() - 1);
    if (loss != null && loss.fromLogits()) {
      logitsOutput();
    }
    if (loss != null && (loss.isSparseCategorical() || loss.isCategorical())) {
      if (units < 2) {
        throw new IllegalArgumentException(loss.kerasName() + " needs an output of one "
            + (loss.fromLogits() ? "logit" : "probability") + " per class, but the last layer"
            + " outputs " + ModelSummary.shapeText(out) + ": end the model with Dense(CLASSES, "
            + (loss.fromLogits() ? "linear" : "softmax") + ")");
      }
      return;
    }
    if (units != 1) {
      throw new IllegalArgumentException(
          "Training needs one output unit per step (one label per sequence), but the last layer"
              + " outputs " + ModelSummary.shapeText(out) + ": end the model with Dense(1, ...)");
    }
  }

  /**
   * A loss from logits reads the output as logits: a sigmoid or softmax output would be squashed
   * twice. (Keras's TensorFlow backend would quietly use the activation's input instead and warn;
   * its other backends squash twice. Neither is what the user meant.)
   */
  private void logitsOutput() {
    Dense dense = architecture.outputDense();
    if (dense != null && (dense.activation() == Activation.SIGMOID
        || dense.activation() == Activation.SOFTMAX)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s with from_logits=True reads the output as logits, but the last layer '%s' applies"
              + " %s: build it with activation='linear' (Keras's None), or use from_logits=False",
          loss.kerasName(), dense.name(), dense.activation().kerasName()));
    }
  }

  static void batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
  }

  /** {@code what} names the data in messages ("training", "validation", ...). */
  void data(SequenceData data, boolean needLabels, String what) {
    InputSpec in = architecture.input();
    if (data.size() == 0) {
      return;
    }
    if (data.isTokens() != in.isTokens()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s data holds %s but the model takes %s %s",
          what, data.isTokens() ? "token ids (int32)" : "float features",
          in.dtypeName(), ModelSummary.shapeText(in.shape())));
    }
    if (!in.isTokens() && data.features() != in.features()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s data has %d features per step but the model takes %s", what, data.features(),
          ModelSummary.shapeText(in.shape())));
    }
    if (!in.isOpenLength() && data.timeSteps() != in.timeSteps()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s data has %s but the model takes %s: pad or truncate to %d steps, or build"
              + " the model with an open length (InputSpec.openTokens(), Keras's shape=(None,))",
          what, data.isRagged() ? "sequences of different lengths"
              : "shape " + ModelSummary.shapeText(data.inputShape(-1)),
          ModelSummary.shapeText(in.shape()), in.timeSteps()));
    }
    if (!needLabels && data.isRagged() && reversedSequenceOutput()) {
      // Prediction keeps each sequence's first steps of a sequence output: not its own there.
      throw new IllegalArgumentException("The " + what + " data has sequences of different"
          + " lengths, but the model outputs a sequence in go_backwards order, which padding"
          + " would shift: pad the data to one length yourself");
    }
    if (in.isTokens() && architecture.layers().get(0) instanceof Embedding e) {
      tokensInRange(data, e, what);
    }
    int nonFinite = data.firstNonFinite();
    if (nonFinite >= 0) {
      throw new IllegalArgumentException(
          "The " + what + " data has a NaN or infinite value in sequence " + nonFinite);
    }
    if (needLabels && !data.hasLabels()) {
      throw new IllegalArgumentException("The " + what + " data has no labels");
    }
    if (needLabels) {
      labelKind(data, what);
    }
    if (needLabels && loss.isSparseCategorical()) {
      classLabels(data, what);
    }
    if (needLabels && loss.isBinaryClassification()) {
      int bad = data.firstNonBinaryLabel();
      if (bad >= 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Label %s of %s sequence %d is not 0 or 1: binary cross-entropy needs labels 0/1",
            data.label(bad), what, bad));
      }
    }
  }

  /**
   * Label vectors for a categorical loss, as wide as the output; one number per sequence for
   * any other.
   */
  private void labelKind(SequenceData data, String what) {
    Shape out = architecture.outputShape();
    long classes = out.get(out.numDimensions() - 1);
    int width = data.labelVectorSize();
    if (loss.isCategorical() && width == 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "categorical_crossentropy takes one label vector per sequence (one-hot or"
              + " probabilities over %d classes), but the %s data has one number per sequence:"
              + " one-hot encode class indices with data.withCategoricalLabels(%d) (Keras's"
              + " to_categorical), or use sparse_categorical_crossentropy", classes, what,
          classes));
    }
    if (loss.isCategorical() && width != classes) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s data has label vectors of %d values but the model outputs %d classes (%s):"
              + " give one value per output unit", what, width, classes,
          ModelSummary.shapeText(out)));
    }
    if (!loss.isCategorical() && width > 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s data has label vectors of %d values, which only categorical_crossentropy"
              + " takes; %s takes one number per sequence", what, width, loss.kerasName()));
    }
  }

  /** Class indices: whole numbers in [0, classes), classes being the output's last axis. */
  private void classLabels(SequenceData data, String what) {
    Shape out = architecture.outputShape();
    long classes = out.get(out.numDimensions() - 1);
    for (int i = 0; i < data.size(); i++) {
      float label = data.label(i);
      if (label != Math.rint(label) || label < 0 || label >= classes) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Label %s of %s sequence %d is not a class index in [0, %d):"
                + " sparse_categorical_crossentropy takes labels 0 to %d", label, what, i,
            classes, classes - 1));
      }
    }
  }

  /** A sequence output read backwards: its steps would not line up with a ragged input's. */
  private boolean reversedSequenceOutput() {
    return architecture.outputShape().numDimensions() == 3 && architecture.layers().stream()
        .anyMatch(l -> l instanceof RecurrentLayer r && r.returnSequences()
            && r.options().goBackwards());
  }

  private static void tokensInRange(SequenceData data, Embedding e, String what) {
    int bad = data.firstSequenceWithTokenOutside(e.inputDim());
    if (bad >= 0) {
      int[] range = data.tokenRange();
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Token id out of range in %s sequence %d: ids must be in [0, %d) for Embedding '%s'"
              + " (input_dim %d), but the data holds ids from %d to %d. Map rare words to the"
              + " out-of-vocabulary id 2, or build the Embedding with a larger input_dim.",
          what, bad, e.inputDim(), e.name(), e.inputDim(), range[0], range[1]));
    }
  }
}
