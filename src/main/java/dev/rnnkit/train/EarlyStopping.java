package dev.rnnkit.train;

import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code EarlyStopping}: stops the fit once the monitored value has not improved for
 * {@code patience} epochs. Keras's defaults: monitor {@code val_loss}, min_delta 0, patience 0,
 * mode auto, no baseline, restore_best_weights off, start_from_epoch 0, silent.
 *
 * <p>As in Keras 3: the epochs before {@code start_from_epoch} are not watched; with a baseline,
 * an epoch that improves on the best so far but not on the baseline still counts as waiting; the
 * fit is never stopped at its first epoch; and with {@code restoreBestWeights} the best epoch's
 * weights are put back at the end of the fit whether it was stopped or ran all its epochs. Keras
 * keeps the weights it restores in memory, and so does this: one copy of the model's weights.
 *
 * <p>With a {@link BackupAndRestore}, list it before this callback: at the fit's end the
 * checkpoint must be written from the weights the fit reached, before the best ones replace them.
 */
public final class EarlyStopping implements Callback {

  private final Monitor monitor;
  private final int patience;
  private final Double baseline;
  private final Model restoreInto;
  private final int startFromEpoch;
  private final PrintStream verbose;

  private int wait;
  private int stoppedEpoch;
  private Double best;
  private List<Weight> bestWeights;
  private int bestEpoch;

  private EarlyStopping(Builder b) {
    this.monitor = new Monitor(b.monitor, b.mode, b.minDelta);
    this.patience = b.patience;
    this.baseline = b.baseline;
    this.restoreInto = b.restoreInto;
    this.startFromEpoch = b.startFromEpoch;
    this.verbose = b.verbose;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onTrainBegin(FitContext fit) {
    wait = 0;
    stoppedEpoch = 0;
    best = null;
    bestWeights = null;
    bestEpoch = 0;
  }

  @Override
  public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
    Double current = monitor.valueIn(logs, "Early stopping conditioned on metric `"
        + monitor.monitor() + "` which is not available. Available metrics are: "
        + String.join(",", logs.keySet()));
    if (current == null || epoch < startFromEpoch) {
      return;
    }
    if (restoreInto != null && bestWeights == null) {
      // Keras takes the first watched epoch's weights, so that there is always something to restore.
      bestWeights = restoreInto.weights();
      bestEpoch = epoch;
    }
    wait++;
    if (monitor.isImprovement(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (restoreInto != null) {
        bestWeights = restoreInto.weights();
      }
      if (baseline == null || monitor.isImprovement(current, baseline)) {
        wait = 0;
      }
      return;
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      fit.stopTraining();
    }
  }

  @Override
  public void onTrainEnd(FitContext fit, Map<String, Double> logs) {
    if (stoppedEpoch > 0 && verbose != null) {
      verbose.printf("Epoch %d: early stopping%n", stoppedEpoch + 1);
    }
    if (restoreInto != null && bestWeights != null) {
      if (verbose != null) {
        verbose.printf("Restoring model weights from the end of the best epoch: %d.%n",
            bestEpoch + 1);
      }
      restoreInto.setWeights(bestWeights);
    }
  }

  /** Keras's {@code stopped_epoch}: the epoch (from 0) at whose end it stopped the fit, 0 if none. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** Whether this callback stopped the fit (Keras's {@code stopped_epoch > 0}). */
  public boolean stopped() {
    return stoppedEpoch > 0;
  }

  /**
   * Keras's {@code best_epoch}: the epoch (from 0) of the best monitored value so far (or, with
   * restoreBestWeights, of the weights to restore); 0 before any epoch was watched.
   */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Keras's {@code best}: the best monitored value so far, null before any. */
  public Double best() {
    return best;
  }

  /** Keras's {@code wait}: epochs since the last improvement (as Keras counts them). */
  public int waitedEpochs() {
    return wait;
  }

  /** Keras's arguments, with its defaults. */
  public static final class Builder {
    private String monitor = "val_loss";
    private double minDelta;
    private int patience;
    private Monitor.Mode mode = Monitor.Mode.AUTO;
    private Double baseline;
    private Model restoreInto;
    private int startFromEpoch;
    private PrintStream verbose;

    private Builder() {}

    public Builder monitor(String monitor) {
      this.monitor = monitor;
      return this;
    }

    /** Keras's {@code min_delta}: smaller changes (absolute) are no improvement. */
    public Builder minDelta(double minDelta) {
      this.minDelta = minDelta;
      return this;
    }

    /** Epochs without improvement after which the fit stops. */
    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    public Builder mode(Monitor.Mode mode) {
      this.mode = mode;
      return this;
    }

    /** Keras's {@code baseline}: a value the monitored one must beat for waiting to end. */
    public Builder baseline(Double baseline) {
      this.baseline = baseline;
      return this;
    }

    /**
     * Keras's {@code restore_best_weights=True} for {@code model}, the model being fitted (a
     * callback does not see the model through the fit, so it is named here); null turns it off.
     */
    public Builder restoreBestWeights(Model model) {
      this.restoreInto = model;
      return this;
    }

    /** Keras's {@code start_from_epoch}: epochs (from 0) before this one are not watched. */
    public Builder startFromEpoch(int epoch) {
      this.startFromEpoch = epoch;
      return this;
    }

    /** Keras's {@code verbose=1}: its messages go to {@code out}; null (the default) is silent. */
    public Builder verbose(PrintStream out) {
      this.verbose = out;
      return this;
    }

    public EarlyStopping build() {
      if (patience < 0) {
        throw new IllegalArgumentException("patience must be at least 0, got " + patience);
      }
      if (startFromEpoch < 0) {
        throw new IllegalArgumentException(
            "start_from_epoch must be at least 0, got " + startFromEpoch);
      }
      return new EarlyStopping(this);
    }
  }
}
