package dev.rnnkit.layers;

/**
 * Keras's options of an LSTM, GRU or SimpleRNN cell beyond units and return_sequences, with
 * Keras's defaults in {@link #DEFAULTS}. A SimpleRNN has no gates: it uses neither
 * {@code recurrentActivation} nor {@code unitForgetBias}.
 *
 * <p>{@code goBackwards} reads the sequence from its last step to its first; as in Keras, a
 * sequence output stays in that processing order ({@code output[:, k]} is the state after input
 * step {@code T-1-k}), it is not flipped back. {@code useBias=false} drops the bias variable
 * altogether. {@code unitForgetBias} (LSTM only) starts the forget block of the bias at 1; it
 * changes only the initial weights.
 *
 * <p>{@code zeroOutputForMask} (Keras's {@code zero_output_for_mask}, set by Bidirectional) makes
 * a sequence output 0 at masked steps instead of repeating the last unmasked step's output.
 *
 * <p>The default cell (bias, tanh, sigmoid) keeps the fused LSTM kernel and the hand-written
 * GRU gradient; any other cell is unrolled and differentiated by TensorFlow.
 */
public record RecurrentOptions(boolean goBackwards, boolean useBias, Activation activation,
    Activation recurrentActivation, boolean unitForgetBias, boolean zeroOutputForMask) {

  public static final RecurrentOptions DEFAULTS =
      new RecurrentOptions(false, true, Activation.TANH, Activation.SIGMOID, true);

  /** Options with Keras's {@code zero_output_for_mask=False}. */
  public RecurrentOptions(boolean goBackwards, boolean useBias, Activation activation,
      Activation recurrentActivation, boolean unitForgetBias) {
    this(goBackwards, useBias, activation, recurrentActivation, unitForgetBias, false);
  }

  public RecurrentOptions {
    if (activation == null || recurrentActivation == null) {
      throw new IllegalArgumentException("A recurrent cell needs an activation and a recurrent"
          + " activation (Keras's defaults: tanh and sigmoid)");
    }
    // The gates are computed as one block of several gates' units: a softmax over it would mix
    // gates, and Keras's softmax cell is not something anyone trains.
    for (Activation a : new Activation[] {activation, recurrentActivation}) {
      if (!a.elementwise()) {
        throw new IllegalArgumentException("activation '" + a.kerasName() + "' is not supported"
            + " in a recurrent cell; supported there: tanh, sigmoid, relu, hard_sigmoid,"
            + " softsign, linear");
      }
    }
  }

  public RecurrentOptions withGoBackwards(boolean value) {
    return new RecurrentOptions(value, useBias, activation, recurrentActivation, unitForgetBias,
        zeroOutputForMask);
  }

  public RecurrentOptions withUseBias(boolean value) {
    return new RecurrentOptions(goBackwards, value, activation, recurrentActivation, unitForgetBias,
        zeroOutputForMask);
  }

  public RecurrentOptions withActivation(Activation value) {
    return new RecurrentOptions(goBackwards, useBias, value, recurrentActivation, unitForgetBias,
        zeroOutputForMask);
  }

  public RecurrentOptions withRecurrentActivation(Activation value) {
    return new RecurrentOptions(goBackwards, useBias, activation, value, unitForgetBias,
        zeroOutputForMask);
  }

  public RecurrentOptions withUnitForgetBias(boolean value) {
    return new RecurrentOptions(goBackwards, useBias, activation, recurrentActivation, value,
        zeroOutputForMask);
  }

  public RecurrentOptions withZeroOutputForMask(boolean value) {
    return new RecurrentOptions(goBackwards, useBias, activation, recurrentActivation,
        unitForgetBias, value);
  }

  /** Bias, tanh and sigmoid: the cell the fused and hand-written paths compute. */
  public boolean defaultCell() {
    return useBias && activation == Activation.TANH && recurrentActivation == Activation.SIGMOID;
  }
}
