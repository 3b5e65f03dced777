package dev.rnnkit.examples;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.train.Evaluation;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.RunMetrics;
import java.io.PrintStream;
import java.util.List;

/**
 * One of the article's examples end to end: build, compile (Adam, binary cross-entropy), fit
 * with the test split as validation data (so every epoch's test figures are in the history),
 * evaluate. The caller owns the returned model.
 */
public final class ArticleExample {

  /** Settings of one run; the article's are epochs 10, batch 32. */
  public record Settings(ArticleModels.Cell cell, boolean returnSequences, int epochs,
      int batchSize, long seed) {}

  /** The trained model and what the run measured. */
  public record Outcome(Model model, RunMetrics metrics) implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  private ArticleExample() {}

  public static Outcome run(Settings s, Sequential architecture, SequenceData train,
      SequenceData test, String dataName, PrintStream out) {
    Model model = Model.compile(architecture, s.seed());
    try {
      if (out != null) {
        out.println(architecture.summary());
      }
      History history = model.fit(train, FitOptions.builder().epochs(s.epochs())
          .batchSize(s.batchSize()).validationData(test).shuffleSeed(s.seed())
          .progressOut(out).build());
      Evaluation eval = model.evaluate(test, 256);
      String bestKey = history.metrics().containsKey("val_last_step_accuracy")
          ? "val_last_step_accuracy" : "val_accuracy";
      List<Double> val = history.get(bestKey);
      int best = 0;
      for (int i = 1; i < val.size(); i++) {
        if (val.get(i) > val.get(best)) {
          best = i;
        }
      }
      RunMetrics metrics = new RunMetrics(s.cell().cliName(), s.returnSequences(),
          architecture.paramCount(), dataName, train.size(), test.size(), s.epochs(),
          s.batchSize(), s.seed(), history.metrics(), history.epochSeconds(), eval.loss(),
          eval.accuracy(), eval.lastStepAccuracy(), best + 1, val.get(best));
      return new Outcome(model, metrics);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The article's model for a cell, on the default vocabulary and length. */
  public static Sequential articleModel(Settings s) {
    return ArticleModels.build(s.cell(), s.returnSequences());
  }
}
