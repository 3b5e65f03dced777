package dev.rnnkit.spark;

import org.apache.spark.sql.SparkSession;

/** One Spark local-mode session (local[2]) for the Spark tests of this JVM. */
final class LocalSpark {

  private LocalSpark() {}

  static SparkSession session() {
    SparkSession spark = SparkSession.builder()
        .master("local[2,4]") // two threads; a failed task is retried, as on a cluster
        .appName("rnnkit-tests")
        .config("spark.ui.enabled", false)
        .config("spark.sql.shuffle.partitions", 4)
        .config("spark.plugins", ModelCachePlugin.class.getName())
        .getOrCreate();
    // Spark's INFO lines would bury the test report; the retry tests still log their WARNs.
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
