package dev.rnnkit.savedmodel.export;

import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.ServingKeys;
import dev.rnnkit.model.Weight;
import dev.rnnkit.model.WeightVariables;
import dev.rnnkit.savedmodel.MetaGraphSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Writes a model as a TF1-style SavedModel (tag {@code serve}) that Python's
 * {@code tf.saved_model.load}, TF Serving and TF Java load. It holds only what serving needs: an
 * inference graph with the weights as variables (no optimizer slots), and
 *
 * <ul>
 *   <li>{@code serving_default}: ids (int32 [-1, T]) or features (float32 [-1, T, F]) to the
 *       model's output, under the keys {@link ServingKeys} gives: {@code token_ids} to
 *       {@code probabilities} (the last step's) and {@code step_probabilities} for RNNKit's text
 *       models, Keras's Input and output layer names for every other model;
 *   <li>{@code serving_text} (when a vocabulary is given): {@code text} (string [-1]) to the same
 *       outputs, with the Keras-style preprocessing inside the graph and the vocabulary as the
 *       asset {@code assets/vocabulary.txt}, loaded into a lookup table by the init op.
 * </ul>
 */
public final class ModelExporter {

  public static final String TAG = "serve";
  public static final String IDS_SIGNATURE = Signature.DEFAULT_KEY;
  public static final String TEXT_SIGNATURE = "serving_text";
  /** The input key of {@link #TEXT_SIGNATURE}: a string vector of raw texts. */
  public static final String TEXT_INPUT = "text";
  public static final String PREDICT_METHOD = "tensorflow/serving/predict";
  public static final String VOCABULARY_ASSET = "vocabulary.txt";

  private ModelExporter() {}

  /**
   * Writes the SavedModel files into {@code folder} (which must exist and be empty).
   *
   * @param vocabulary words by frequency rank for the text signature, or null for ids only
   */
  static void writeSavedModel(Sequential architecture, List<Weight> weights, List<String> vocabulary,
      ServingKeys keys, Path folder) throws IOException {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      WeightVariables variables = WeightVariables.create(tf, architecture);
      variables.assign(session, weights);
      InputSpec in = architecture.input();
      // tf.keras names the placeholder serving_default_<input>; RNNKit's own is token_ids.
      Ops inputScope = tf.withName(keys.lastStep() ? keys.input() : "serving_default_" + keys.input());
      Placeholder<?> input = in.isTokens()
          ? inputScope.placeholder(TInt32.class, Placeholder.shape(in.shape()))
          : inputScope.placeholder(TFloat32.class, Placeholder.shape(in.shape()));
      Signature.Builder ids = Signature.builder().key(IDS_SIGNATURE).methodName(PREDICT_METHOD)
          .input(keys.input(), input);
      addOutputs(tf.withSubScope("model"), architecture, input, variables, ids, keys);

      SavedModelBundle.Exporter exporter = SavedModelBundle.exporter(folder.toString())
          .withTags(TAG).withSession(session).withSignature(ids.build());
      TextPipeline.Built text = null;
      String initOp = null;
      if (vocabulary != null) {
        if (!in.isTokens()) {
          throw new IllegalArgumentException("A text signature needs a model that takes token ids");
        }
        Placeholder<TString> texts =
            tf.withName("text").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
        text = TextPipeline.build(tf, texts, in.timeSteps(), VOCABULARY_ASSET);
        Signature.Builder textSignature = Signature.builder().key(TEXT_SIGNATURE)
            .methodName(PREDICT_METHOD).input(TEXT_INPUT, texts);
        addOutputs(tf.withSubScope("text_model"), architecture, text.tokenIds(), variables,
            textSignature, keys);
        exporter.withSignature(textSignature.build());
        initOp = tf.withName("saved_model_init").withControlDependencies(text.tableInit()).noOp()
            .op().name();
      }
      exporter.export();
      if (text != null) {
        Path assets = Files.createDirectories(folder.resolve("assets"));
        Files.write(assets.resolve(VOCABULARY_ASSET), vocabulary, StandardCharsets.UTF_8);
        addAssetAndInitOp(folder.resolve("saved_model.pb"), text, initOp);
      }
    }
  }

  private static void addOutputs(Ops tf, Sequential architecture, Operand<?> input,
      WeightVariables variables, Signature.Builder signature, ServingKeys keys) {
    // An open length serves batches of any length, where the model can (else refused by name).
    Sequential.Forward forward = architecture.input().isOpenLength()
        ? architecture.servingForward(tf, input, variables::get)
        : architecture.forward(tf, input, variables::get);
    Operand<TFloat32> output = forward.output();
    String key = keys.output();
    if (keys.lastStep() && output.shape().numDimensions() == 3) {
      signature.output(key, tf.withName(key).identity(
          tf.stridedSlice(output, Indices.all(), Indices.at(-1), Indices.all())));
      signature.output("step_" + key, tf.withName("step_" + key).identity(output));
    } else {
      signature.output(key, tf.withName(key).identity(output));
    }
  }

  /**
   * TF Java's exporter writes no assets and no init op; TensorFlow's loaders feed each asset's
   * absolute path into its tensor and then run the {@code __saved_model_init_op}.
   */
  private static void addAssetAndInitOp(Path savedModelFile, TextPipeline.Built text, String initOp)
      throws IOException {
    SavedModel model;
    try (InputStream in = Files.newInputStream(savedModelFile)) {
      model = SavedModel.parseFrom(in);
    }
    MetaGraphDef meta = model.getMetaGraphs(0);
    String pathTensor = text.vocabularyPath().op().name() + ":0";
    MetaGraphDef.Builder updated = meta.toBuilder()
        .addAssetFileDef(AssetFileDef.newBuilder().setFilename(VOCABULARY_ASSET)
            .setTensorInfo(TensorInfo.newBuilder().setName(pathTensor).setDtype(DataType.DT_STRING)))
        .putSignatureDef(MetaGraphSpec.INIT_OP_SIGNATURE_KEY, SignatureDef.newBuilder()
            .putOutputs(MetaGraphSpec.INIT_OP_SIGNATURE_KEY,
                TensorInfo.newBuilder().setName(initOp).build()).build());
    try (OutputStream out = Files.newOutputStream(savedModelFile)) {
      model.toBuilder().setMetaGraphs(0, updated).build().writeTo(out);
    }
  }
}
