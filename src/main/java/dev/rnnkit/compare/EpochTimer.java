package dev.rnnkit.compare;

import dev.rnnkit.train.Callback;
import dev.rnnkit.train.FitContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The comparison's clock: each epoch's training seconds, from the epoch's start to its validation
 * pass (or to its end, without one), so that evaluating the test data is not timed.
 */
final class EpochTimer implements Callback {

  private final List<Double> seconds = new ArrayList<>();
  private long began;
  private boolean running;

  @Override
  public void onEpochBegin(FitContext fit, int epoch) {
    began = System.nanoTime();
    running = true;
  }

  @Override
  public void onTestBegin(FitContext fit) {
    stop();
  }

  @Override
  public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
    stop();
  }

  private void stop() {
    if (running) {
      seconds.add((System.nanoTime() - began) / 1e9);
      running = false;
    }
  }

  /** The seconds of every epoch timed so far. */
  List<Double> seconds() {
    return List.copyOf(seconds);
  }
}
