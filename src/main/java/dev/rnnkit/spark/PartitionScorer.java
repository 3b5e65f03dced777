package dev.rnnkit.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition: reads its rows a batch at a time, so that a partition of any size holds
 * one batch in memory, and yields each row followed by its score and error.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final ScoringPlan plan;
  private final int inputColumn;

  PartitionScorer(ScoringPlan plan, int inputColumn) {
    this.plan = plan;
    this.inputColumn = inputColumn;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    BatchScorer scorer = new BatchScorer(ExecutorModels.model(plan), plan);
    return new Iterator<>() {
      private Iterator<Row> scored = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        if (!scored.hasNext() && rows.hasNext()) {
          scored = nextBatch(rows, scorer).iterator();
        }
        return scored.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return scored.next();
      }
    };
  }

  private List<Row> nextBatch(Iterator<Row> rows, BatchScorer scorer) {
    List<Row> batch = new ArrayList<>(plan.batchSize());
    List<Object> values = new ArrayList<>(plan.batchSize());
    while (rows.hasNext() && batch.size() < plan.batchSize()) {
      Row row = rows.next();
      batch.add(row);
      values.add(row.get(inputColumn));
    }
    List<BatchScorer.Result> results = scorer.score(values);
    List<Row> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      Object[] fields = new Object[row.size() + 2];
      for (int f = 0; f < row.size(); f++) {
        fields[f] = row.get(f);
      }
      fields[row.size()] = results.get(i).score();
      fields[row.size() + 1] = results.get(i).error();
      out.add(RowFactory.create(fields));
    }
    return out;
  }
}
