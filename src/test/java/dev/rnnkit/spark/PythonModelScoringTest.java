package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rnnkit.Mentions;
import dev.rnnkit.SharedFixtures;
import dev.rnnkit.savedmodel.LoadOptions;
import dev.rnnkit.savedmodel.SavedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A model Python wrote (tf.keras 2.6's LSTM on a time series, input float32 [-1, 5, 1]) scores
 * through the Transformer as SavedModel.call computes it, from nested or flat arrays; a row of
 * the wrong length gets an error.
 */
class PythonModelScoringTest {

  static final int ROWS = 1000;
  static final int BATCH = 100;

  @Test
  void aPythonTimeSeriesModelScoresArraysAsOneJvmDoes() {
    Path model = SharedFixtures.lstmModel();
    SparkSession spark = LocalSpark.session();
    Random random = new Random(7);
    float[][] windows = new float[ROWS][5];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      List<List<Float>> nested = new ArrayList<>();
      List<Double> flat = new ArrayList<>();
      for (int t = 0; t < 5; t++) {
        windows[i][t] = random.nextFloat();
        nested.add(List.of(windows[i][t]));
        flat.add((double) windows[i][t]);
      }
      if (i == 42) {
        flat = flat.subList(0, 4);
      }
      rows.add(RowFactory.create((long) i, nested, flat));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("window", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)))
        .add("flat", DataTypes.createArrayType(DataTypes.DoubleType));
    var frame = spark.createDataFrame(rows, schema).repartition(3);

    float[] expected = reference(model, windows);
    SavedModelScorer scorer = new SavedModelScorer().setModelPath(model.toString())
        .setInputCol("window").setBatchSize(BATCH);
    Map<Long, Row> nested = SavedModelScorerTest.byId(scorer.transform(frame).drop("flat"));
    Map<Long, Row> flat = SavedModelScorerTest.byId(
        scorer.setInputCol("flat").transform(frame).drop("window"));
    for (long i = 0; i < ROWS; i++) {
      assertNull(nested.get(i).get(3));
      assertEquals(Float.floatToIntBits(expected[(int) i]),
          Float.floatToIntBits(nested.get(i).getFloat(2)), "row " + i);
      if (i == 42) {
        assertNull(flat.get(i).get(2));
        Mentions.assertMentions(flat.get(i).getString(3), "input_6", "shape [4]", "[5, 1]");
      } else {
        assertEquals(expected[(int) i], flat.get(i).getFloat(2), 0f, "row " + i);
      }
    }
  }

  private static float[] reference(Path model, float[][] windows) {
    float[] scores = new float[windows.length];
    try (SavedModel saved = SavedModel.load(model, LoadOptions.defaults().withThreadsPerCall(1))) {
      for (int start = 0; start < windows.length; start += BATCH) {
        float[] batch = new float[BATCH * 5];
        for (int i = 0; i < BATCH; i++) {
          System.arraycopy(windows[start + i], 0, batch, i * 5, 5);
        }
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(BATCH, 5, 1), DataBuffers.of(batch, true, false))) {
          Map<String, Tensor> out = saved.call("serving_default", Map.of("input_6", in));
          float[] part = new float[BATCH];
          ((TFloat32) out.get("dense_17")).copyTo(DataBuffers.of(part, false, false));
          out.values().forEach(Tensor::close);
          System.arraycopy(part, 0, scores, start, BATCH);
        }
      }
    }
    return scores;
  }
}
