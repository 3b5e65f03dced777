package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model on a Hadoop file system that is not the local one (here Hadoop's view file system,
 * viewfs://, mounted on a local folder, standing in for HDFS or S3A) is copied to local disk
 * once, with the driver's Hadoop configuration, scores as the original does, and the copy is
 * deleted when the models are closed.
 */
class RemoteModelTest {

  @TempDir Path tmp;

  @Test
  void aModelOnAnotherFileSystemIsCopiedOnceAndScoresAsTheOriginal() throws IOException {
    Path models = tmp.resolve("models");
    Path model = models.resolve("lstm");
    ExportFixtures.savedModel(ArticleModels.Cell.LSTM, false, 17, model).close();
    SparkSession spark = LocalSpark.session();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String mountTable = "rnnkit-test-" + Math.abs(tmp.hashCode());
    conf.set("fs.viewfs.mounttable." + mountTable + ".link./models", models.toUri().toString());
    String uri = "viewfs://" + mountTable + "/models/lstm";

    Path copy = ExecutorModels.localDir(ExecutorModels.stamp(uri, conf), conf);
    assertNotEquals(model.toAbsolutePath(), copy.toAbsolutePath());
    assertTrue(Files.isRegularFile(copy.resolve("saved_model.pb")));
    assertTrue(Files.isDirectory(copy.resolve("variables")));
    assertFalse(Files.exists(copy.resolve(".saved_model.pb.crc")), "no checksum files in the copy");
    assertEquals(copy, ExecutorModels.localDir(ExecutorModels.stamp(uri, conf), conf), "copied once");

    List<String> texts = SavedModelScorerTest.texts(SavedModelScorerTest.BATCH, 31);
    Map<Long, Row> rows = SavedModelScorerTest.byId(new SavedModelScorer().setModelPath(uri)
        .setBatchSize(SavedModelScorerTest.BATCH).transform(SavedModelScorerTest.frame(texts, 3)));
    float[] expected = SavedModelScorerTest.reference(model, texts);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(expected[i], rows.get((long) i).getFloat(2), 0f, "row " + i);
    }
    assertEquals(1, ExecutorModels.loadedCount(uri));

    ExecutorModels.closeAll();
    assertFalse(Files.exists(copy), "the local copy is deleted with the models");
    assertEquals(0, ExecutorModels.loadedCount(uri));
  }
}
