package dev.rnnkit.spark;

import dev.rnnkit.savedmodel.LoadOptions;
import java.io.Serializable;
import java.util.List;

/**
 * Everything a task needs to score its partition, decided once on the driver: which model, how
 * to load it, which signature, input and output, and the batch size.
 *
 * @param modelUri the model folder: a local path, file:, or any Hadoop file system URI
 * @param modelStamp what the driver found there: tasks refuse a model that changed since
 * @param hadoopConf the driver's Hadoop configuration, to reach that file system
 * @param tags the MetaGraph's tags
 * @param trustModel skip the check of the graph's ops
 * @param threadsPerCall threads per call (see {@link LoadOptions#threadsPerCall()})
 * @param signature the signature key
 * @param input the input the column feeds
 * @param output the output that becomes the score column
 * @param batchSize rows per call
 */
record ScoringPlan(String modelUri, ExecutorModels.Stamp modelStamp, HadoopConf hadoopConf, List<String> tags, boolean trustModel,
    int threadsPerCall, String signature, ScoringInput input, ScoringOutput output, int batchSize)
    implements Serializable {

  ScoringPlan {
    tags = List.copyOf(tags);
  }

  LoadOptions loadOptions() {
    return new LoadOptions(tags, trustModel, threadsPerCall);
  }
}
