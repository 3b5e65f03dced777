/**
 * Batch scoring on Apache Spark with any SavedModel: RNNKit's text models (raw text in,
 * probability out) and Python's models with numeric inputs.
 *
 * <p>{@link dev.rnnkit.spark.SavedModelScorer} is a Spark ML {@code Transformer}: it adds a score
 * column and an error column to a DataFrame. Each executor JVM copies the model to its local disk
 * and loads it once ({@link dev.rnnkit.spark.ExecutorModels}); its tasks share it and call it in
 * batches of a fixed size. {@link dev.rnnkit.spark.ScoreJob} is the same as a job for
 * {@code spark-submit}, reading CSV, Parquet or JSON and writing Parquet or CSV.
 *
 * <p>Spark is a provided dependency: a cluster supplies it, and RNNKit's {@code score} command
 * puts the jars Maven resolved for it on the class path of the job it starts.
 */
package dev.rnnkit.spark;
