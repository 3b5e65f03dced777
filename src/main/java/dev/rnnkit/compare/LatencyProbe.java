package dev.rnnkit.compare;

import dev.rnnkit.bench.Stats;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.Model;

/** Times {@code predict} on one sequence and on one batch of a trained model. */
final class LatencyProbe {

  private LatencyProbe() {}

  static Latency measure(Model model, SequenceData data, int batchSize, LatencySettings settings) {
    SequenceData single = data.slice(0, 1);
    SequenceData batch = data.slice(0, Math.min(batchSize, data.size()));
    double[] singleMillis = time(model, single, settings.singleWarmup(), settings.singleRuns());
    double[] batchMillis = time(model, batch, settings.batchWarmup(), settings.batchRuns());
    return new Latency(Stats.median(singleMillis), Stats.percentile(singleMillis, 90),
        Stats.median(batchMillis), Stats.percentile(batchMillis, 90), batch.size());
  }

  private static double[] time(Model model, SequenceData input, int warmup, int runs) {
    for (int i = 0; i < warmup; i++) {
      model.predict(input, input.size());
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      model.predict(input, input.size());
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    return millis;
  }
}
