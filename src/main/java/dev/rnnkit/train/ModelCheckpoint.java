package dev.rnnkit.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code ModelCheckpoint} with {@code save_freq="epoch"}: saves the model at the end of
 * every epoch, or with {@code saveBestOnly} only when the monitored value improves on the best
 * saved so far. Keras's defaults: monitor {@code val_loss}, mode auto, save_best_only off, no
 * initial_value_threshold, silent.
 *
 * <p>How the model is saved is the caller's {@link Saver} (a SavedModel folder, a Keras file, or
 * a copy of the weights kept until the run writes its output): the trainer knows no file format.
 * {@code filepath} names where it saves, for the messages, as Keras's does.
 */
public final class ModelCheckpoint implements Callback {

  /** Saves the model as it is at the end of epoch {@code epoch} (from 0), whose logs are given. */
  @FunctionalInterface
  public interface Saver {
    void save(int epoch, Map<String, Double> logs) throws IOException;
  }

  private final String filepath;
  private final Saver saver;
  private final Monitor monitor;
  private final boolean saveBestOnly;
  private final PrintStream verbose;

  private Double best;
  private int savedEpoch = -1;

  private ModelCheckpoint(Builder b) {
    this.filepath = b.filepath;
    this.saver = b.saver;
    this.monitor = new Monitor(b.monitor, b.mode, 0);
    this.saveBestOnly = b.saveBestOnly;
    this.verbose = b.verbose;
    this.best = b.initialValueThreshold;
  }

  public static Builder builder(String filepath, Saver saver) {
    return new Builder(filepath, saver);
  }

  @Override
  public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
    if (shouldSave(epoch, logs)) {
      try {
        saver.save(epoch, logs);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not save the model to " + filepath, e);
      }
      savedEpoch = epoch;
      if (verbose != null) {
        verbose.printf("%nEpoch %d: finished saving model to %s%n", epoch + 1, filepath);
      }
    }
  }

  /** Keras's {@code _should_save_model}, with its messages. */
  private boolean shouldSave(int epoch, Map<String, Double> logs) {
    if (!saveBestOnly) {
      if (verbose != null) {
        verbose.printf("%nEpoch %d: saving model to %s%n", epoch + 1, filepath);
      }
      return true;
    }
    Double current = monitor.valueIn(logs,
        "Can save best model only with " + monitor.monitor() + " available.");
    if (current == null) {
      return true; // Keras saves when it cannot compare
    }
    String bestText = best == null ? "None" : String.format(Locale.ROOT, "%.5f", best);
    if (monitor.isImprovement(current, best)) {
      if (verbose != null) {
        verbose.printf(Locale.ROOT,
            "%nEpoch %d: %s improved from %s to %.5f, saving model to %s%n", epoch + 1,
            monitor.monitor(), bestText, current, filepath);
      }
      best = current;
      return true;
    }
    if (verbose != null) {
      verbose.printf("%nEpoch %d: %s did not improve from %s%n", epoch + 1, monitor.monitor(),
          bestText);
    }
    return false;
  }

  /** The epoch (from 0) whose model was saved last, -1 if none was. */
  public int savedEpoch() {
    return savedEpoch;
  }

  /** Keras's {@code best}: the best monitored value saved (or the threshold), null before any. */
  public Double best() {
    return best;
  }

  /** Keras's arguments, with its defaults. */
  public static final class Builder {
    private final String filepath;
    private final Saver saver;
    private String monitor = "val_loss";
    private Monitor.Mode mode = Monitor.Mode.AUTO;
    private boolean saveBestOnly;
    private Double initialValueThreshold;
    private PrintStream verbose;

    private Builder(String filepath, Saver saver) {
      this.filepath = Objects.requireNonNull(filepath, "filepath");
      this.saver = Objects.requireNonNull(saver, "saver");
    }

    public Builder monitor(String monitor) {
      this.monitor = monitor;
      return this;
    }

    public Builder mode(Monitor.Mode mode) {
      this.mode = mode;
      return this;
    }

    /** Keras's {@code save_best_only}: save only when the monitored value improves. */
    public Builder saveBestOnly(boolean saveBestOnly) {
      this.saveBestOnly = saveBestOnly;
      return this;
    }

    /** Keras's {@code initial_value_threshold}: the value the first save must beat. */
    public Builder initialValueThreshold(Double threshold) {
      this.initialValueThreshold = threshold;
      return this;
    }

    /** Keras's {@code verbose=1}: its messages go to {@code out}; null (the default) is silent. */
    public Builder verbose(PrintStream out) {
      this.verbose = out;
      return this;
    }

    public ModelCheckpoint build() {
      return new ModelCheckpoint(this);
    }
  }
}
