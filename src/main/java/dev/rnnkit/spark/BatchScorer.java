package dev.rnnkit.spark;

import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.SavedModelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/**
 * Scores rows with one signature of a loaded SavedModel, in calls of a fixed batch size. A row
 * that cannot be scored gets an error instead of a score; the other rows of its batch are still
 * scored, and exactly as they would have been.
 */
final class BatchScorer {

  /** A row's score, or null and the reason. */
  record Result(Object score, String error) {}

  private final SavedModel model;
  private final ScoringPlan plan;

  BatchScorer(SavedModel model, ScoringPlan plan) {
    this.model = model;
    this.plan = plan;
  }

  /** One result per value, in order. */
  List<Result> score(List<Object> values) {
    Result[] results = new Result[values.size()];
    // Rows of one shape go into one call (texts are all of one shape).
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    List<ScoringInput.Prepared> prepared = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      ScoringInput.Prepared row = null;
      try {
        row = plan.input().prepare(values.get(i));
        groups.computeIfAbsent(row.groupKey(), k -> new ArrayList<>()).add(i);
      } catch (IllegalArgumentException | ArithmeticException e) {
        results[i] = new Result(null, plan.input().key() + ": " + e.getMessage());
      }
      prepared.add(row);
    }
    for (List<Integer> group : groups.values()) {
      for (int start = 0; start < group.size(); start += plan.batchSize()) {
        List<Integer> chunk = group.subList(start, Math.min(group.size(), start + plan.batchSize()));
        scoreChunk(chunk, prepared, results);
      }
    }
    return Arrays.asList(results);
  }

  /**
   * Scores the rows {@code indices}; if TensorFlow refuses a value of the call (say, one row
   * holds a token id beyond the Embedding), halves it until the rows it refuses are found.
   * Finding k refused rows among n takes about 2k log2(n/k) more calls. Failures other than a
   * refused value (memory, a damaged model) fail the task, which Spark retries.
   */
  private void scoreChunk(List<Integer> indices, List<ScoringInput.Prepared> prepared,
      Result[] results) {
    List<ScoringInput.Prepared> rows = indices.stream().map(prepared::get).toList();
    try {
      List<Object> scores = call(rows);
      for (int i = 0; i < indices.size(); i++) {
        results[indices.get(i)] = new Result(scores.get(i), null);
      }
    } catch (SavedModelException e) {
      if (!(e.getCause() instanceof TFInvalidArgumentException)) {
        throw e;
      }
      if (indices.size() == 1) {
        results[indices.get(0)] = new Result(null, firstLine(e.getMessage()));
        return;
      }
      int half = indices.size() / 2;
      scoreChunk(indices.subList(0, half), prepared, results);
      scoreChunk(indices.subList(half, indices.size()), prepared, results);
    }
  }

  private List<Object> call(List<ScoringInput.Prepared> rows) {
    Map<String, Tensor> outputs = Map.of();
    try (Tensor input = plan.input().batch(rows, plan.batchSize())) {
      outputs = model.call(plan.signature(), Map.of(plan.input().key(), input));
      return plan.output().rows(outputs.get(plan.output().key()), rows.size());
    } finally {
      outputs.values().forEach(Tensor::close);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "TensorFlow refused the row";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
