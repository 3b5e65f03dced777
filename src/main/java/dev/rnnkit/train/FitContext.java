package dev.rnnkit.train;

/**
 * A fit under way as its {@link Callback}s see it: its settings, its history, where it is, and
 * the means to stop it or to continue a saved one. One per fit.
 */
public final class FitContext {

  private final int epochs;
  private final int stepsPerEpoch;
  private FitState resumeFrom;
  private FitState position;
  private History history;
  private boolean stopRequested;

  FitContext(int epochs, int stepsPerEpoch) {
    this.epochs = epochs;
    this.stepsPerEpoch = stepsPerEpoch;
  }

  /** The epochs this fit runs to (Keras's {@code params["epochs"]}). */
  public int epochs() {
    return epochs;
  }

  /** Batches per epoch (Keras's {@code params["steps"]}). */
  public int stepsPerEpoch() {
    return stepsPerEpoch;
  }

  /** Keras's {@code model.stop_training = True}: see {@link Callback} for when the fit ends. */
  public void stopTraining() {
    stopRequested = true;
  }

  public boolean stopRequested() {
    return stopRequested;
  }

  /**
   * Continues a saved fit from {@code state} instead of starting one; the caller has restored the
   * weights and the optimizer state saved with it. Only in {@link Callback#onTrainBegin}.
   */
  public void resumeFrom(FitState state) {
    if (history != null) {
      throw new IllegalStateException("A fit can only be resumed before its first batch");
    }
    resumeFrom = state;
  }

  /** The history so far (null before training begins). */
  public History history() {
    return history;
  }

  /**
   * Where a fit continuing this one starts, given the weights and optimizer state of the same
   * moment. Moved at each epoch's end (to the next epoch's start, once {@link History} has the
   * epoch) and when the fit is stopped after a batch (to that batch's end); in between it is
   * where the epoch under way began.
   */
  public FitState state() {
    return position;
  }

  /** Ends {@code onTrainBegin}: the state to start from, and the history continued from it. */
  FitState begin() {
    FitState start = resumeFrom != null ? resumeFrom : FitState.start();
    history = new History(start.history(), start.epochSeconds());
    position = start;
    return start;
  }

  void moveTo(FitState state) {
    position = state;
  }
}
