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
 * <p>{@code dropout} and {@code recurrentDropout} (Keras's {@code dropout} and
 * {@code recurrent_dropout}, in [0, 1)) act at training only, as in Keras 3: one mask per
 * sequence for the inputs and one for the recurrent state, the same at every time step; with
 * recurrent dropout Keras's cell runs its {@code implementation=1}, which draws one mask per gate
 * for each (4 for LSTM, 3 for GRU). {@code seed} is Keras's {@code seed} (null: none), mixed
 * into the draws (see {@link Noise}).
 *
 * <p>The default cell (bias, tanh, sigmoid) keeps the fused LSTM kernel and the hand-written
 * GRU gradient, also with input dropout (the input sequence times its mask, then the kernel);
 * recurrent dropout, and any other cell, are unrolled and differentiated by TensorFlow.
 */
public record RecurrentOptions(boolean goBackwards, boolean useBias, Activation activation,
    Activation recurrentActivation, boolean unitForgetBias, boolean zeroOutputForMask,
    float dropout, float recurrentDropout, Integer seed) {

  public static final RecurrentOptions DEFAULTS =
      new RecurrentOptions(false, true, Activation.TANH, Activation.SIGMOID, true);

  /** Options with Keras's {@code zero_output_for_mask=False}. */
  public RecurrentOptions(boolean goBackwards, boolean useBias, Activation activation,
      Activation recurrentActivation, boolean unitForgetBias) {
    this(goBackwards, useBias, activation, recurrentActivation, unitForgetBias, false);
  }

  /** Options without dropout. */
  public RecurrentOptions(boolean goBackwards, boolean useBias, Activation activation,
      Activation recurrentActivation, boolean unitForgetBias, boolean zeroOutputForMask) {
    this(goBackwards, useBias, activation, recurrentActivation, unitForgetBias, zeroOutputForMask,
        0f, 0f, null);
  }

  public RecurrentOptions {
    Noise.checkedRate(dropout, "A recurrent layer's dropout");
    Noise.checkedRate(recurrentDropout, "A recurrent layer's recurrent_dropout");
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
    return new RecurrentOptions(value, useBias, activation, recurrentActivation, unitForgetBias, zeroOutputForMask, dropout, recurrentDropout, seed);
  }

  public RecurrentOptions withUseBias(boolean value) {
    return new RecurrentOptions(goBackwards, value, activation, recurrentActivation, unitForgetBias, zeroOutputForMask, dropout, recurrentDropout, seed);
  }

  public RecurrentOptions withActivation(Activation value) {
    return new RecurrentOptions(goBackwards, useBias, value, recurrentActivation, unitForgetBias, zeroOutputForMask, dropout, recurrentDropout, seed);
  }

  public RecurrentOptions withRecurrentActivation(Activation value) {
    return new RecurrentOptions(goBackwards, useBias, activation, value, unitForgetBias, zeroOutputForMask, dropout, recurrentDropout, seed);
  }

  public RecurrentOptions withUnitForgetBias(boolean value) {
    return new RecurrentOptions(goBackwards, useBias, activation, recurrentActivation, value, zeroOutputForMask, dropout, recurrentDropout, seed);
  }

  public RecurrentOptions withZeroOutputForMask(boolean value) {
    return new RecurrentOptions(goBackwards, useBias, activation, recurrentActivation, unitForgetBias, value, dropout, recurrentDropout, seed);
  }

  /** Keras's {@code dropout}: the fraction of the inputs dropped at training, in [0, 1). */
  public RecurrentOptions withDropout(float value) {
    return new RecurrentOptions(goBackwards, useBias, activation, recurrentActivation, unitForgetBias, zeroOutputForMask, value, recurrentDropout, seed);
  }

  /** Keras's {@code recurrent_dropout}: the fraction of the state dropped at training, in [0, 1). */
  public RecurrentOptions withRecurrentDropout(float value) {
    return new RecurrentOptions(goBackwards, useBias, activation, recurrentActivation, unitForgetBias, zeroOutputForMask, dropout, value, seed);
  }

  /** Keras's {@code seed} of the layer's dropout (null: none). */
  public RecurrentOptions withSeed(Integer value) {
    return new RecurrentOptions(goBackwards, useBias, activation, recurrentActivation, unitForgetBias, zeroOutputForMask, dropout, recurrentDropout, value);
  }

  /** Whether the layer drops inputs or state at training. */
  public boolean hasDropout() {
    return dropout > 0 || recurrentDropout > 0;
  }

  /** Bias, tanh and sigmoid: the cell the fused and hand-written paths compute. */
  public boolean defaultCell() {
    return useBias && activation == Activation.TANH && recurrentActivation == Activation.SIGMOID;
  }
}
