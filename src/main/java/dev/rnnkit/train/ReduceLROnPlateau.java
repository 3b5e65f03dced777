package dev.rnnkit.train;

import dev.rnnkit.model.Model;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code ReduceLROnPlateau}: multiplies the learning rate by {@code factor} once the
 * monitored value has not improved for {@code patience} epochs, then waits {@code cooldown}
 * epochs before counting again, never going below {@code min_lr}. Keras's defaults: monitor
 * {@code val_loss}, factor 0.1, patience 10, mode auto, min_delta 1e-4, cooldown 0, min_lr 0,
 * silent.
 *
 * <p>The model is named when the callback is made (a callback does not see it through the fit),
 * and its {@link Model#setLearningRate} takes effect from the next step. Unlike Keras, the logs
 * do not gain a {@code learning_rate} entry (logs are read-only here, and the history has
 * recorded the epoch before callbacks see it); {@link Model#learningRate()} tells it.
 */
public final class ReduceLROnPlateau implements Callback {

  private final Model model;
  private final Monitor monitor;
  private final double factor;
  private final int patience;
  private final int cooldown;
  private final double minLr;
  private final PrintStream verbose;

  private Double best;
  private int cooldownCounter;
  private int wait;

  private ReduceLROnPlateau(Model model, Builder b) {
    this.model = model;
    this.monitor = new Monitor(b.monitor, b.mode, b.minDelta);
    this.factor = b.factor;
    this.patience = b.patience;
    this.cooldown = b.cooldown;
    this.minLr = b.minLr;
    this.verbose = b.verbose;
  }

  /** For the fit of {@code model}, whose learning rate it lowers. */
  public static Builder builder(Model model) {
    return new Builder(model);
  }

  @Override
  public void onTrainBegin(FitContext fit) {
    best = null;
    cooldownCounter = 0;
    wait = 0;
  }

  @Override
  public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
    Double current = monitor.valueIn(logs, "Learning rate reduction is conditioned on metric `"
        + monitor.monitor() + "` which is not available. Available metrics are: "
        + String.join(",", logs.keySet()) + ".");
    if (current == null) {
      return;
    }
    if (inCooldown()) {
      cooldownCounter--;
      wait = 0;
    }
    if (monitor.isImprovement(current, best)) {
      best = current;
      wait = 0;
    } else if (!inCooldown()) {
      wait++;
      if (wait >= patience && reduce(epoch)) {
        cooldownCounter = cooldown;
        wait = 0;
      }
    }
  }

  /** Keras's {@code _reduce_optimizer_lr}: the rate is a float32 read as a double, as there. */
  private boolean reduce(int epoch) {
    double oldLr = model.learningRate();
    if (!(oldLr > (float) minLr)) {
      return false;
    }
    double newLr = Math.max(oldLr * factor, minLr);
    model.setLearningRate((float) newLr);
    if (verbose != null) {
      verbose.printf(Locale.ROOT, "%nEpoch %d: ReduceLROnPlateau reducing learning rate to %s.%n", epoch + 1,
          pythonRepr(newLr));
    }
    return true;
  }

  /** Python's {@code str(float)}, as Keras's message prints the rate: 0.0001, 1e-05. */
  static String pythonRepr(double value) {
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      String plain = exact.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = exact.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (value < 0 ? "-" : "") + mantissa + (exponent < 0 ? "e-" : "e+")
        + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
  }

  private boolean inCooldown() {
    return cooldownCounter > 0;
  }

  /** Keras's arguments, with its defaults. */
  public static final class Builder {
    private final Model model;
    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private Monitor.Mode mode = Monitor.Mode.AUTO;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private PrintStream verbose;

    private Builder(Model model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    public Builder monitor(String monitor) {
      this.monitor = monitor;
      return this;
    }

    /** What the learning rate is multiplied by; below 1. */
    public Builder factor(double factor) {
      this.factor = factor;
      return this;
    }

    /** Epochs without improvement after which the rate is lowered. */
    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    public Builder mode(Monitor.Mode mode) {
      this.mode = mode;
      return this;
    }

    /** Keras's {@code min_delta}: smaller changes (absolute) are no improvement. */
    public Builder minDelta(double minDelta) {
      this.minDelta = minDelta;
      return this;
    }

    /** Epochs after a reduction during which no waiting is counted. */
    public Builder cooldown(int cooldown) {
      this.cooldown = cooldown;
      return this;
    }

    /** Keras's {@code min_lr}: the rate is never lowered below it. */
    public Builder minLr(double minLr) {
      this.minLr = minLr;
      return this;
    }

    /** Keras's {@code verbose=1}: its messages go to {@code out}; null (the default) is silent. */
    public Builder verbose(PrintStream out) {
      this.verbose = out;
      return this;
    }

    public ReduceLROnPlateau build() {
      if (factor >= 1.0) {
        throw new IllegalArgumentException(
            "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" + factor);
      }
      if (!(factor > 0)) {
        // Keras accepts it, but a rate of 0 or less is no learning rate (Model refuses it).
        throw new IllegalArgumentException("factor must be above 0, got " + factor);
      }
      if (patience < 0 || cooldown < 0 || minLr < 0) {
        throw new IllegalArgumentException("patience, cooldown and min_lr must be at least 0, got "
            + patience + ", " + cooldown + ", " + minLr);
      }
      return new ReduceLROnPlateau(model, this);
    }
  }
}
