package dev.rnnkit.compare;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.ArticleModels.Cell;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Comparison results with chosen figures, for testing verdicts and reports without training.
 * Figures not chosen get plausible values that differ a little per seed but not per model.
 */
final class FakeResults {

  private final ComparisonConfig config;
  private final Map<Cell, double[]> accuracy = new EnumMap<>(Cell.class);
  private final Map<Cell, double[]> stepMillis = new EnumMap<>(Cell.class);
  private final Map<Cell, Map<Integer, double[]>> longRange = new EnumMap<>(Cell.class);

  private FakeResults(int seeds, List<Integer> lengths) {
    ComparisonConfig quick = ComparisonConfig.quick();
    config = quick.toBuilder().seedCount(seeds).longRange(quick.longRange().withLengths(lengths))
        .build();
  }

  static FakeResults withSeeds(int seeds, Integer... lengths) {
    return new FakeResults(seeds, List.of(lengths));
  }

  FakeResults accuracy(Cell cell, double... perSeed) {
    accuracy.put(cell, perSeed);
    return this;
  }

  FakeResults stepMillis(Cell cell, double... perSeed) {
    stepMillis.put(cell, perSeed);
    return this;
  }

  FakeResults longRange(Cell cell, int length, double... perSeed) {
    longRange.computeIfAbsent(cell, c -> new HashMap<>()).put(length, perSeed);
    return this;
  }

  ComparisonResult build() {
    List<ModelFacts> models = new ArrayList<>();
    List<SeedRun> runs = new ArrayList<>();
    List<LongRangeRun> lrRuns = new ArrayList<>();
    List<Long> seeds = config.seeds();
    int steps = config.stepsPerEpoch(config.trainSize());
    for (Cell cell : config.cells()) {
      models.add(ModelFacts.of(cell, ArticleModels.build(cell, false)));
      for (int s = 0; s < seeds.size(); s++) {
        double wobble = 0.001 * (s + 1); // the same for every model: no difference by default
        double acc = pick(accuracy, cell, s, 0.8 + wobble);
        double millis = pick(stepMillis, cell, s, 10 + 100 * wobble);
        List<Double> epochSeconds = new ArrayList<>();
        Map<String, List<Double>> history = new LinkedHashMap<>();
        for (String metric : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
          history.put(metric, new ArrayList<>());
        }
        for (int e = 0; e < config.epochs(); e++) {
          epochSeconds.add((e == 0 ? 3 : 1) * millis * steps / 1000);
          history.get("loss").add(0.7 - 0.1 * e - wobble);
          history.get("accuracy").add(0.5 + 0.1 * e + wobble);
          history.get("val_loss").add(0.7 - 0.08 * e - wobble);
          history.get("val_accuracy").add(e == config.epochs() - 1 ? acc : 0.5 + 0.08 * e);
        }
        runs.add(new SeedRun(cell, seeds.get(s), history, epochSeconds, steps, 0.4 + wobble, acc,
            new Latency(1 + wobble, 1.5 + wobble, 3 + wobble, 4 + wobble, config.batchSize()),
            new MemoryPeak(50_000_000L + s, 900_000_000L + s * 1000L, 0),
            3000 + 1000 * cell.ordinal()));
        for (int length : config.longRange().lengths()) {
          double lrAcc = longRange.getOrDefault(cell, Map.of()).containsKey(length)
              ? longRange.get(cell).get(length)[s] : 0.5 + wobble;
          lrRuns.add(new LongRangeRun(cell, length, seeds.get(s), 0.6, lrAcc, lrAcc,
              length * 0.1 + wobble));
        }
      }
    }
    return new ComparisonResult(config, RunEnvironment.current(ZonedDateTime.now()),
        "fake data", models, runs, lrRuns, 12.5);
  }

  private static double pick(Map<Cell, double[]> chosen, Cell cell, int seed, double otherwise) {
    return chosen.containsKey(cell) ? chosen.get(cell)[seed] : otherwise;
  }
}
