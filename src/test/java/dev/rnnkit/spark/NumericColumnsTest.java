package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.Mentions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Numeric columns of every Spark integer type into integer inputs, every digit of an int64 kept;
 * integers too large for int32 refused per row; shapes and fixed batch sizes checked on the
 * driver; an output whose shape betrays its signature fails the task with the reason.
 */
class NumericColumnsTest {

  @TempDir static Path tmp;
  static SparkSession spark;
  static Path int64Identity;
  static Path int32Sum;

  @BeforeAll
  static void export() {
    spark = LocalSpark.session();
    int64Identity = export(tmp.resolve("identity64"), tf -> {
      Placeholder<TInt64> x = tf.withName("x").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      return Signature.builder().key("serving_default").input("x", x)
          .output("y", tf.withName("y").identity(x)).build();
    });
    int32Sum = export(tmp.resolve("sum32"), tf -> {
      Placeholder<TInt32> x = tf.withName("x").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 3)));
      return Signature.builder().key("serving_default").input("x", x)
          .output("y", tf.withName("y").sum(x, tf.constant(1))).build();
    });
  }

  private static Path export(Path dir, Function<Ops, Signature> build) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Signature signature = build.apply(Ops.create(graph));
      SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(signature).export();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return dir;
  }

  @Test
  void anInt64IdKeepsEveryDigit() {
    StructType schema = new StructType().add("id", DataTypes.LongType).add("x", DataTypes.LongType);
    long big = (1L << 53) + 1;
    Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(1L, big),
        RowFactory.create(2L, Long.MIN_VALUE), RowFactory.create(3L, 7L)), schema);
    Map<Long, Row> rows = SavedModelScorerTest.byId(new SavedModelScorer()
        .setModelPath(int64Identity.toString()).setInputCol("x").transform(frame));
    assertEquals(DataTypes.LongType, rows.get(1L).schema().apply("score").dataType());
    assertEquals(big, rows.get(1L).getLong(2));
    assertEquals(Long.MIN_VALUE, rows.get(2L).getLong(2));
    assertEquals(7L, rows.get(3L).getLong(2));
  }

  @Test
  void everySparkIntegerTypeFeedsAnInt32InputInRangeOrGetsAnError() {
    for (var type : List.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType,
        DataTypes.LongType)) {
      StructType schema = new StructType().add("id", DataTypes.LongType)
          .add("x", DataTypes.createArrayType(type));
      Object one = switch (type.typeName()) {
        case "byte" -> (byte) 1;
        case "short" -> (short) 1;
        case "integer" -> 1;
        default -> 1L;
      };
      List<Row> input = new java.util.ArrayList<>(List.of(
          RowFactory.create(1L, List.of(one, one, one))));
      if (type == DataTypes.LongType) {
        input.add(RowFactory.create(2L, List.of(1L, 1L << 40, 1L)));
      }
      Map<Long, Row> rows = SavedModelScorerTest.byId(new SavedModelScorer()
          .setModelPath(int32Sum.toString()).setInputCol("x")
          .transform(spark.createDataFrame(input, schema)));
      assertEquals(3, rows.get(1L).getInt(2), type.typeName());
      if (type == DataTypes.LongType) {
        assertNull(rows.get(2L).get(2));
        Mentions.assertMentions(rows.get(2L).getString(3), "1099511627776", "DT_INT32");
      }
    }
  }

  @Test
  void textColumnsHoldNumbersAsJsonAsCsvDoes() {
    StructType schema = new StructType().add("id", DataTypes.LongType).add("x", DataTypes.StringType);
    Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(1L, "[1, 2, 3]"),
        RowFactory.create(2L, "[1, 2]"), RowFactory.create(3L, "one two"),
        RowFactory.create(4L, "[1, 2.5, 3]"), RowFactory.create(5L, "[1, 99999999999, 3]")), schema);
    Map<Long, Row> rows = SavedModelScorerTest.byId(new SavedModelScorer()
        .setModelPath(int32Sum.toString()).setInputCol("x").transform(frame));
    assertEquals(6, rows.get(1L).getInt(2));
    Mentions.assertMentions(rows.get(2L).getString(3), "shape [2]", "[3]");
    Mentions.assertMentions(rows.get(3L).getString(3), "'one two' is not a JSON number or array");
    Mentions.assertMentions(rows.get(4L).getString(3), "2.5 is not an integer");
    Mentions.assertMentions(rows.get(5L).getString(3), "99999999999", "DT_INT32");
    Map<Long, Row> identity = SavedModelScorerTest.byId(new SavedModelScorer()
        .setModelPath(int64Identity.toString()).setInputCol("x").transform(spark.createDataFrame(
            List.of(RowFactory.create(1L, "9007199254740993")), schema)));
    assertEquals(9007199254740993L, identity.get(1L).getLong(2));
  }

  @Test
  void shapesTheColumnCannotHaveAreRefusedOnTheDriver() {
    StructType nested = new StructType().add("x", DataTypes.createArrayType(
        DataTypes.createArrayType(DataTypes.IntegerType)));
    Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(List.of(List.of(1, 2, 3)))), nested);
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class, () -> new SavedModelScorer()
        .setModelPath(int32Sum.toString()).setInputCol("x").transform(frame)).getMessage(),
        "arrays nested 2 deep", "nest them 1 deep");
    StructType floats = new StructType().add("x", DataTypes.createArrayType(DataTypes.DoubleType));
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class, () -> new SavedModelScorer()
        .setModelPath(int32Sum.toString()).setInputCol("x")
        .transform(spark.createDataFrame(List.of(RowFactory.create(List.of(1.0))), floats)))
        .getMessage(), "takes integers", "cast it");
  }
}
