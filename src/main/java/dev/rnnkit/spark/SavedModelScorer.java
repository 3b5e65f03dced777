package dev.rnnkit.spark;

import dev.rnnkit.savedmodel.LoadOptions;
import dev.rnnkit.savedmodel.MetaGraphSpec;
import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.SignatureSpec;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@code Transformer} that scores a column with a SavedModel signature: adds the score
 * column (a number per row, or an array) and an error column, null where the row was scored.
 *
 * <pre>{@code
 * Dataset<Row> scored = new SavedModelScorer()
 *     .setModelPath("hdfs:///models/lstm/model")   // or a local path, file:, s3a:, ...
 *     .setInputCol("text")
 *     .setOutputCol("probability")
 *     .transform(reviews);
 * }</pre>
 *
 * <p>The signature is {@code serving_text} for a string column when the model has one (RNNKit's
 * text models: raw text in, probability out), else {@code serving_default}; {@link
 * #setSignature} picks another. A signature with several inputs or outputs needs {@link
 * #setInputKey} or {@link #setOutputKey}. Numeric inputs take a number, an array of numbers, or
 * arrays nested as the input's shape (a flat array fills a fully declared shape).
 *
 * <p>A row that cannot be scored (null, an array of the wrong shape, a value TensorFlow refuses)
 * gets a null score and the reason in the error column; the job goes on. Each executor loads the
 * model once ({@link ExecutorModels}) and calls it in batches of {@link #setBatchSize} rows; a
 * short batch is filled up to that size, so a row's score does not depend on the partitioning,
 * and a retried task writes the same scores. A model whose graph can read or write files is
 * refused, on the driver, unless {@link #setTrustModel} says its origin is trusted.
 */
public final class SavedModelScorer extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  /** The text signature RNNKit's exporter adds to its models. */
  static final String TEXT_SIGNATURE = "serving_text";

  private final String uid;
  private final Param<String> modelPath;
  private final Param<String> signature;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> errorCol;
  private final Param<String> inputKey;
  private final Param<String> outputKey;
  private final IntParam batchSize;
  private final BooleanParam trustModel;
  private final StringArrayParam tags;
  private final IntParam threadsPerCall;

  public SavedModelScorer() {
    this(Identifiable$.MODULE$.randomUID("savedModelScorer"));
  }

  public SavedModelScorer(String uid) {
    this.uid = uid;
    modelPath = new Param<>(this, "modelPath", "the SavedModel folder: a local path, file:, or"
        + " any Hadoop file system URI (hdfs:, s3a:, ...)");
    signature = new Param<>(this, "signature", "the signature key; empty: serving_text for a"
        + " string column when the model has it, else serving_default");
    inputCol = new Param<>(this, "inputCol", "the column to score");
    outputCol = new Param<>(this, "outputCol", "the score column to add");
    errorCol = new Param<>(this, "errorCol", "the column to add with why a row has no score");
    inputKey = new Param<>(this, "inputKey", "the signature input the column feeds; empty: its"
        + " only input");
    outputKey = new Param<>(this, "outputKey", "the signature output to keep; empty: its only"
        + " output");
    batchSize = new IntParam(this, "batchSize", "rows per call of the model (>= 1)");
    trustModel = new BooleanParam(this, "trustModel", "load the model even if its graph can"
        + " read or write files; only for models whose origin you trust");
    tags = new StringArrayParam(this, "tags", "the tags of the MetaGraph to load");
    threadsPerCall = new IntParam(this, "threadsPerCall", "n: a call runs in its task's thread,"
        + " an op on at most n threads; 1 suits Spark, which runs a task per core; 0:"
        + " TensorFlow's default pools, every call on all cores");
    setDefault(signature, "");
    setDefault(inputCol, "text");
    setDefault(outputCol, "score");
    setDefault(errorCol, "score_error");
    setDefault(inputKey, "");
    setDefault(outputKey, "");
    setDefault(batchSize, 256);
    setDefault(trustModel, false);
    setDefault(tags, new String[] {"serve"});
    setDefault(threadsPerCall, 1);
  }

  /** For {@code Pipeline.load} and {@code SavedModelScorer.load(path)}. */
  public static MLReader<SavedModelScorer> read() {
    return new DefaultParamsReader<>();
  }

  public static SavedModelScorer load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  // Spark finds a Transformer's params through public no-argument methods returning them.
  public Param<String> modelPath() { return modelPath; }
  public Param<String> signature() { return signature; }
  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputCol() { return outputCol; }
  public Param<String> errorCol() { return errorCol; }
  public Param<String> inputKey() { return inputKey; }
  public Param<String> outputKey() { return outputKey; }
  public IntParam batchSize() { return batchSize; }
  public BooleanParam trustModel() { return trustModel; }
  public StringArrayParam tags() { return tags; }
  public IntParam threadsPerCall() { return threadsPerCall; }

  public SavedModelScorer setModelPath(String value) { return with(modelPath, value); }
  public SavedModelScorer setSignature(String value) { return with(signature, value); }
  public SavedModelScorer setInputCol(String value) { return with(inputCol, value); }
  public SavedModelScorer setOutputCol(String value) { return with(outputCol, value); }
  public SavedModelScorer setErrorCol(String value) { return with(errorCol, value); }
  public SavedModelScorer setInputKey(String value) { return with(inputKey, value); }
  public SavedModelScorer setOutputKey(String value) { return with(outputKey, value); }
  public SavedModelScorer setTrustModel(boolean value) { return with(trustModel, value); }
  public SavedModelScorer setTags(String... value) { return with(tags, value); }

  public SavedModelScorer setBatchSize(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, not " + value);
    }
    return with(batchSize, value);
  }

  public SavedModelScorer setThreadsPerCall(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("threadsPerCall must be 0 (TensorFlow's default) or"
          + " more, not " + value);
    }
    return with(threadsPerCall, value);
  }

  private <T> SavedModelScorer with(Param<T> param, T value) {
    set(param, value);
    return this;
  }

  private String text(Param<String> param) {
    return getOrDefault(param);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    ScoringPlan plan = plan(schema, activeHadoopConf());
    return outputSchema(schema, plan);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Configuration conf = new Configuration(dataset.sparkSession().sparkContext().hadoopConfiguration());
    StructType schema = dataset.schema();
    ScoringPlan plan = plan(schema, conf);
    return dataset.toDF().mapPartitions(
        new PartitionScorer(plan, schema.fieldIndex(text(inputCol))),
        Encoders.row(outputSchema(schema, plan)));
  }

  private StructType outputSchema(StructType schema, ScoringPlan plan) {
    return schema.add(text(outputCol), plan.output().sparkType(), true)
        .add(text(errorCol), DataTypes.StringType, true);
  }

  @Override
  public SavedModelScorer copy(ParamMap extra) {
    return (SavedModelScorer) defaultCopy(extra);
  }

  /**
   * Decides, on the driver, what the tasks will do, and refuses here what they could not do: a
   * missing column or model, an untrusted graph, a signature the column cannot feed.
   */
  ScoringPlan plan(StructType schema, Configuration conf) {
    if (!isDefined(modelPath) || text(modelPath).isBlank()) {
      throw new IllegalArgumentException("No model: call setModelPath with the SavedModel folder"
          + " (a local path, file:, or a Hadoop file system URI such as hdfs:// or s3a://)");
    }
    String column = text(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("No column '" + column + "' to score; the columns are "
          + String.join(", ", schema.fieldNames()) + ". Set it with setInputCol.");
    }
    for (String added : List.of(text(outputCol), text(errorCol))) {
      if (Arrays.asList(schema.fieldNames()).contains(added)) {
        throw new IllegalArgumentException("The input already has a column '" + added
            + "'; choose another name (setOutputCol, setErrorCol; --score-column,"
            + " --error-column)");
      }
    }
    if (text(outputCol).equals(text(errorCol))) {
      throw new IllegalArgumentException("The score and error columns are both named '"
          + text(outputCol) + "'; give them different names (--score-column, --error-column)");
    }
    StructField field = schema.apply(column);
    String uri = text(modelPath);
    LoadOptions options = new LoadOptions(List.of(getOrDefault(tags)),
        (Boolean) getOrDefault(trustModel), (Integer) getOrDefault(threadsPerCall));
    ExecutorModels.Stamp stamp = ExecutorModels.stamp(uri, conf);
    java.nio.file.Path local = ExecutorModels.localDir(stamp, conf);
    MetaGraphSpec metaGraph = SavedModel.check(local, options);
    SignatureSpec spec = signatureSpec(metaGraph, field);
    ScoringInput input = ScoringInput.of(spec.input(only(spec, true, text(inputKey))), column,
        field.dataType());
    String outputKeyChosen = text(outputKey);
    if (outputKeyChosen.isEmpty() && spec.outputs().size() > 1) {
      outputKeyChosen = rnnkitOutputKey(local, spec);
    }
    ScoringOutput output = ScoringOutput.of(spec.outputs().get(only(spec, false, outputKeyChosen)));
    return new ScoringPlan(uri, stamp, new HadoopConf(conf), options.tags(), options.trustModel(),
        options.threadsPerCall(), spec.key(), input, output, (Integer) getOrDefault(batchSize));
  }

  private SignatureSpec signatureSpec(MetaGraphSpec metaGraph, StructField field) {
    var signatures = metaGraph.callableSignatures();
    String key = text(signature);
    if (key.isEmpty()) {
      boolean text = field.dataType().equals(DataTypes.StringType);
      key = text && signatures.containsKey(TEXT_SIGNATURE) ? TEXT_SIGNATURE
          : SavedModel.DEFAULT_SIGNATURE;
    }
    SignatureSpec spec = signatures.get(key);
    if (spec == null) {
      throw new IllegalArgumentException("The model has no signature '" + key + "'; it has "
          + String.join(", ", signatures.keySet()) + ". Choose one with setSignature.");
    }
    return spec;
  }

  private static String only(SignatureSpec spec, boolean inputs, String chosen) {
    var keys = (inputs ? spec.inputs() : spec.outputs()).keySet();
    String what = inputs ? "input" : "output";
    if (!chosen.isEmpty()) {
      if (!keys.contains(chosen)) {
        throw new IllegalArgumentException("Signature '" + spec.key() + "' has no " + what + " '"
            + chosen + "'; its " + what + "s are " + String.join(", ", keys));
      }
      return chosen;
    }
    if (keys.size() != 1) {
      throw new IllegalArgumentException("Signature '" + spec.key() + "' has " + keys.size() + " "
          + what + "s (" + String.join(", ", keys) + "): choose one with set"
          + (inputs ? "InputKey" : "OutputKey") + (inputs
              ? "; a signature with several inputs cannot be fed from one column" : ""));
    }
    return keys.iterator().next();
  }

  /**
   * RNNKit's models say which output is the prediction ("probabilities" beside the per-step
   * "step_probabilities" of a return_sequences model); other models need setOutputKey.
   */
  private static String rnnkitOutputKey(java.nio.file.Path dir, SignatureSpec spec) {
    if (!ModelDirectory.isModelDirectory(dir)) {
      return "";
    }
    try {
      String key = ModelDirectory.readConfig(dir).servingKeys().output();
      return spec.outputs().containsKey(key) ? key : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + ModelDirectory.CONFIG_FILE + " of "
          + dir + ": " + e.getMessage(), e);
    }
  }

  private static Configuration activeHadoopConf() {
    return SparkSession.getActiveSession().isDefined()
        ? SparkSession.getActiveSession().get().sparkContext().hadoopConfiguration()
        : new Configuration();
  }
}
