package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.Mentions;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.savedmodel.LoadOptions;
import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.UntrustedModelException;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import dev.rnnkit.savedmodel.safety.UnsafeModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The Transformer on Spark's local mode (two threads): its scores are SavedModel.call's, bit for
 * bit, however the rows are partitioned; bad rows get an error, not a failed job; a task killed
 * mid-partition is retried and every row is written once; the model is loaded once per JVM.
 */
class SavedModelScorerTest {

  static final int BATCH = 250;
  static final StructType TEXTS = new StructType()
      .add("id", DataTypes.LongType, false).add("text", DataTypes.StringType, true);

  @TempDir static Path tmp;
  static Path textModel;
  static SparkSession spark;

  @BeforeAll
  static void start() throws IOException {
    textModel = tmp.resolve("lstm");
    ExportFixtures.savedModel(ArticleModels.Cell.LSTM, false, 11, textModel).close();
    spark = LocalSpark.session();
  }

  /** {@code n} texts of 0-12 of the fixtures' words and some unknown ones, from a seed. */
  static List<String> texts(int n, long seed) {
    Random random = new Random(seed);
    List<String> words = new ArrayList<>(ExportFixtures.WORDS);
    words.addAll(List.of("plot", "Great!", "<br />"));
    List<String> texts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(13);
      for (int w = 0; w < length; w++) {
        text.append(words.get(random.nextInt(words.size()))).append(' ');
      }
      texts.add(text.toString());
    }
    return texts;
  }

  static Dataset<Row> frame(List<String> texts, int partitions) {
    List<Row> rows = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create((long) i, texts.get(i)));
    }
    return spark.createDataFrame(rows, TEXTS).repartition(partitions);
  }

  /** What one JVM computes: SavedModel.call on the texts in order, BATCH at a time. */
  static float[] reference(Path model, List<String> texts) {
    assertEquals(0, texts.size() % BATCH, "the reference uses whole batches only");
    float[] scores = new float[texts.size()];
    try (SavedModel saved = SavedModel.load(model, LoadOptions.trusted().withThreadsPerCall(1))) {
      for (int start = 0; start < texts.size(); start += BATCH) {
        try (TString batch = TString.vectorOf(texts.subList(start, start + BATCH).toArray(String[]::new))) {
          Map<String, Tensor> out = saved.call("serving_text", Map.of("text", batch));
          float[] part = new float[BATCH];
          ((TFloat32) out.get("probabilities")).copyTo(DataBuffers.of(part, false, false));
          out.values().forEach(Tensor::close);
          System.arraycopy(part, 0, scores, start, BATCH);
        }
      }
    }
    return scores;
  }

  static SavedModelScorer scorer(Path model) {
    return new SavedModelScorer().setModelPath(model.toString()).setOutputCol("probability")
        .setBatchSize(BATCH);
  }

  static Map<Long, Row> byId(Dataset<Row> scored) {
    Map<Long, Row> rows = new HashMap<>();
    for (Row row : scored.collectAsList()) {
      assertNull(rows.put(row.getLong(0), row), "row " + row.getLong(0) + " appears twice");
    }
    return rows;
  }

  @Test
  void hundredThousandRowsScoreAsOneJvmCallsTheModelBitForBit() {
    List<String> texts = texts(100_000, 1);
    Dataset<Row> scored = scorer(textModel).transform(frame(texts, 7));
    assertEquals(List.of("id", "text", "probability", "score_error"), List.of(scored.columns()));
    assertEquals(DataTypes.FloatType, scored.schema().apply("probability").dataType());
    Map<Long, Row> rows = byId(scored);
    float[] expected = reference(textModel, texts);
    assertEquals(texts.size(), rows.size());
    for (int i = 0; i < texts.size(); i++) {
      Row row = rows.get((long) i);
      assertNull(row.get(3), "error of row " + i);
      assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(row.getFloat(2)),
          "row " + i + " (" + texts.get(i) + "): " + expected[i] + " vs " + row.getFloat(2));
    }
    // Seven partitions over two task threads, one model.
    assertEquals(1, ExecutorModels.loadedCount(textModel.toString()));
  }

  @Test
  void badRowsGetAnErrorAndTheOthersTheirScores() {
    List<String> texts = new ArrayList<>(texts(BATCH, 2));
    texts.set(3, null);
    Dataset<Row> scored = scorer(textModel).transform(frame(texts, 2));
    Map<Long, Row> rows = byId(scored);
    assertNull(rows.get(3L).get(2));
    assertEquals("text: the input is null", rows.get(3L).getString(3));
    List<String> clean = new ArrayList<>(texts);
    clean.set(3, clean.get(4));
    float[] expected = reference(textModel, clean);
    for (long i = 0; i < texts.size(); i++) {
      if (i != 3) {
        assertEquals(expected[(int) i], rows.get(i).getFloat(2), 0f, "row " + i);
      }
    }
  }

  @Test
  void aTokenIdTheModelRefusesFailsItsRowOnly() {
    // The ids signature of the same model: [-1, 8] int32 ids below the Embedding's 100.
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("ids", DataTypes.createArrayType(DataTypes.IntegerType));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<Integer> ids = new ArrayList<>();
      for (int t = 0; t < ExportFixtures.LENGTH; t++) {
        ids.add((i * 7 + t) % 100);
      }
      if (i == 17) {
        ids.set(5, 5000);
      }
      if (i == 23) {
        ids = ids.subList(0, 3);
      }
      rows.add(RowFactory.create((long) i, ids));
    }
    Dataset<Row> scored = scorer(textModel).setInputCol("ids").setSignature("serving_default")
        .setBatchSize(16).transform(spark.createDataFrame(rows, schema).repartition(1));
    Map<Long, Row> byId = byId(scored);
    Mentions.assertMentions(byId.get(17L).getString(3), "5000");
    Mentions.assertMentions(byId.get(23L).getString(3), "shape [3]", "[8]");
    for (long i = 0; i < 40; i++) {
      if (i != 17 && i != 23) {
        assertNull(byId.get(i).get(3), "row " + i + ": " + byId.get(i).get(3));
        assertNotNull(byId.get(i).get(2));
      }
    }
  }

  /** Fails the first attempt of partition 1 halfway through its rows, after scoring them. */
  static final class KillOnce implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      TaskContext task = TaskContext.get();
      boolean kill = task.partitionId() == 1 && task.attemptNumber() == 0;
      return new Iterator<>() {
        int seen;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          if (kill && ++seen > 300) {
            throw new IllegalStateException("killed mid-partition for the test");
          }
          return rows.next();
        }
      };
    }
  }

  @Test
  void aTaskKilledMidPartitionIsRetriedAndEveryRowWrittenOnce() {
    List<String> texts = texts(4 * BATCH * 3, 3);
    Dataset<Row> scored = scorer(textModel).transform(frame(texts, 4));
    Dataset<Row> killed = scored.mapPartitions(new KillOnce(), Encoders.row(scored.schema()));
    String out = tmp.resolve("killed").toString();
    killed.write().parquet(out);
    Map<Long, Row> rows = byId(spark.read().parquet(out));
    float[] expected = reference(textModel, texts);
    assertEquals(texts.size(), rows.size());
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(expected[i], rows.get((long) i).getFloat(2), 0f, "row " + i);
    }
  }

  @Test
  void aModelExportedAgainDuringAJobFailsItsTasksRatherThanMixTwoModels() throws IOException {
    Path model = tmp.resolve("changing");
    ExportFixtures.savedModel(ArticleModels.Cell.LSTM, false, 1, model).close();
    Dataset<Row> planned = scorer(model).transform(frame(texts(BATCH, 6), 2));
    try (Model gru = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, false,
        ExportFixtures.VOCABULARY_SIZE, ExportFixtures.LENGTH), 2)) {
      dev.rnnkit.savedmodel.export.ModelDirectory.save(gru, model, ExportFixtures.WORDS,
          ExportFixtures.VOCABULARY_SIZE, true);
    }
    Exception failed = assertThrows(Exception.class, planned::collectAsList);
    Mentions.assertMentions(org.apache.commons.lang3.exception.ExceptionUtils.getStackTrace(failed),
        "changed after the job started", "run the job again");
    // Planned again, the job scores with the new model.
    assertEquals(BATCH, scorer(model).transform(frame(texts(BATCH, 6), 2)).count());
  }

  @Test
  void worksAsAStageOfASavedAndLoadedPipeline() throws IOException {
    List<String> texts = texts(BATCH, 4);
    Dataset<Row> frame = frame(texts, 2);
    PipelineModel fitted = new Pipeline()
        .setStages(new PipelineStage[] {scorer(textModel).setErrorCol("why")}).fit(frame);
    Path saved = tmp.resolve("pipeline");
    fitted.save(saved.toString());
    Map<Long, Row> rows = byId(PipelineModel.load(saved.toString()).transform(frame));
    assertEquals(List.of("id", "text", "probability", "why"),
        List.of(PipelineModel.load(saved.toString()).transform(frame).columns()));
    float[] expected = reference(textModel, texts);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(expected[i], rows.get((long) i).getFloat(2), 0f);
    }
  }

  @Test
  void anUntrustedGraphIsRefusedOnTheDriverUnlessTrusted() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "0123456789");
    Path model = UnsafeModels.readsFile(tmp.resolve("reads"), secret);
    StructType schema = new StructType().add("x", DataTypes.FloatType);
    Dataset<Row> frame = spark.createDataFrame(
        List.of(RowFactory.create(1f), RowFactory.create(2.5f)), schema);
    SavedModelScorer scorer = new SavedModelScorer().setModelPath(model.toString()).setInputCol("x");
    UntrustedModelException refused = assertThrows(UntrustedModelException.class,
        () -> scorer.transform(frame));
    Mentions.assertMentions(refused.getMessage(), "ReadFile", "--trust-model");
    // Trusted, a scalar per row in and out: y = x + 10.
    List<Row> rows = scorer.setTrustModel(true).transform(frame).orderBy("x").collectAsList();
    assertEquals(11f, rows.get(0).getFloat(1));
    assertEquals(12.5f, rows.get(1).getFloat(1));
  }

  @Test
  void whatTheTasksCouldNotDoIsRefusedBeforeTheyStart() {
    Dataset<Row> frame = frame(texts(10, 5), 1);
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class,
        () -> new SavedModelScorer().transform(frame)).getMessage(), "setModelPath");
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class,
        () -> scorer(textModel).setInputCol("review").transform(frame)).getMessage(),
        "No column 'review'", "id, text");
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class,
        () -> scorer(textModel).setOutputCol("id").transform(frame)).getMessage(),
        "already has a column 'id'");
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class,
        () -> scorer(textModel).setSignature("serving_ids").transform(frame)).getMessage(),
        "no signature 'serving_ids'", "serving_default", "serving_text");
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class,
        () -> scorer(textModel).setSignature("serving_text").setInputCol("id").transform(frame))
        .getMessage(), "takes text", "column 'id' is bigint");
    Dataset<Row> flags = spark.createDataFrame(List.of(RowFactory.create(true)),
        new StructType().add("flag", DataTypes.BooleanType));
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class,
        () -> scorer(textModel).setSignature("serving_default").setInputCol("flag").transform(flags))
        .getMessage(), "takes numbers", "column 'flag' is boolean", "as JSON");
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class,
        () -> scorer(textModel).setBatchSize(0)).getMessage(), "at least 1");
    Mentions.assertMentions(assertThrows(RuntimeException.class,
        () -> scorer(tmp.resolve("no-model")).transform(frame)).getMessage(), "no-model");
  }
}
