package dev.rnnkit.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.savedmodel.safety.GraphSafety;
import dev.rnnkit.savedmodel.safety.UnsafeOp;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFUnimplementedException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.MetaGraphDef;

/**
 * A SavedModel loaded into a TensorFlow session: list its signatures and call them, as often as
 * needed, then close it.
 *
 * <pre>{@code
 * try (SavedModel model = SavedModel.load(Path.of("lstm_model"))) {
 *   Map<String, JsonNode> out = model.callWithValues("serving_default",
 *       Map.of("input_6", new float[][][] {{{1}, {2}, {3}, {4}, {5}}}));
 * }
 * }</pre>
 *
 * <p>Every argument is checked against the signature before TensorFlow runs, so a wrong tag,
 * signature, key, dtype or shape ends in a {@link SavedModelException} that lists what the model
 * offers.
 *
 * <p>A SavedModel's graph can read and write files, so a model is loaded only if its ops pass
 * {@link GraphSafety}'s check, unless {@link LoadOptions#trusted()} says its origin is trusted.
 *
 * <p>One loaded model serves calls from any number of threads at once; {@link #close()} waits
 * for the calls in progress and refuses later ones.
 */
public final class SavedModel implements AutoCloseable {

  /** The signature Python's exporters make the default one. */
  public static final String DEFAULT_SIGNATURE = "serving_default";

  private final SavedModelContents contents;
  private final MetaGraphSpec metaGraph;
  private final SavedModelBundle bundle;
  // Calls hold the read lock while they use the native session, close takes the write lock:
  // any number of calls run at once, and the session is never freed under one of them.
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lifecycle

  private SavedModel(SavedModelContents contents, MetaGraphSpec metaGraph, SavedModelBundle bundle) {
    this.contents = contents;
    this.metaGraph = metaGraph;
    this.bundle = bundle;
  }

  /** Loads the MetaGraph tagged "serve", after checking its ops; see {@link LoadOptions}. */
  public static SavedModel load(Path dir) {
    return load(dir, LoadOptions.defaults());
  }

  /**
   * Loads the MetaGraph whose tag-set is exactly these tags (none given means "serve"), after
   * checking its ops; see {@link LoadOptions}.
   */
  public static SavedModel load(Path dir, String... tags) {
    return load(dir, tags.length == 0 ? LoadOptions.defaults()
        : LoadOptions.defaults().withTags(tags));
  }

  /**
   * Loads the MetaGraph with the options' tags. Unless the options trust the model, its graph
   * and function library are checked first (see {@link GraphSafety}): loading runs the model's
   * restore and init ops, so the check must come before TensorFlow sees the graph.
   *
   * @throws UntrustedModelException listing the ops that need trust
   * @throws SavedModelException if the folder is not a SavedModel, no MetaGraph has these tags,
   *     its graph has variables but the folder no variables/, or TensorFlow's loader fails on it
   */
  public static SavedModel load(Path dir, LoadOptions options) {
    String[] wanted = options.tags().toArray(String[]::new);
    org.tensorflow.proto.SavedModel proto = SavedModelContents.readProto(dir);
    SavedModelContents contents = SavedModelContents.of(dir, proto);
    MetaGraphSpec metaGraph = check(dir, proto, contents, options);
    try {
      SavedModelBundle.Loader loader =
          SavedModelBundle.loader(dir.toAbsolutePath().toString()).withTags(wanted);
      if (options.threadsPerCall() > 0) {
        // A negative inter-op count runs every op of a call in the calling thread.
        loader = loader.withConfigProto(org.tensorflow.proto.ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(options.threadsPerCall())
            .setInterOpParallelismThreads(-1)
            .build());
      }
      SavedModelBundle bundle = loader.load();
      return new SavedModel(contents, metaGraph, bundle);
    } catch (TensorFlowException | TFUnimplementedException | IllegalArgumentException e) {
      // TF Java maps a few status codes to standard exceptions rather than TensorFlowException
      // (TFInvalidArgumentException is an IllegalArgumentException), and refuses a signature that
      // names a tensor missing from the graph with an IllegalArgumentException of its own.
      throw new SavedModelException(
          "TensorFlow could not load the MetaGraph '" + metaGraph.tagSetText() + "' of " + dir
              + ": " + e.getMessage() + ". Its files (saved_model.pb, variables/, assets/) are"
              + " damaged or do not belong together; copy or export the model again.", e);
    }
  }

  /**
   * Everything {@link #load(Path, LoadOptions)} checks before TensorFlow sees the model (the
   * tag-set, the graph's ops unless trusted, the variables' files), without loading it: for a
   * caller that must refuse a model early, such as a Spark driver before its tasks start.
   *
   * @return the MetaGraph that load would load
   * @throws UntrustedModelException listing the ops that need trust
   * @throws SavedModelException as load
   */
  public static MetaGraphSpec check(Path dir, LoadOptions options) {
    org.tensorflow.proto.SavedModel proto = SavedModelContents.readProto(dir);
    return check(dir, proto, SavedModelContents.of(dir, proto), options);
  }

  private static MetaGraphSpec check(Path dir, org.tensorflow.proto.SavedModel proto,
      SavedModelContents contents, LoadOptions options) {
    // Match the tags ourselves: the native loader's own errors do not list the tag-sets present.
    MetaGraphSpec metaGraph = contents.metaGraph(options.tags().toArray(String[]::new));
    MetaGraphDef definition = definition(proto, metaGraph);
    if (!options.trustModel()) {
      List<UnsafeOp> unsafe = GraphSafety.findUnsafeOps(definition, dir);
      if (!unsafe.isEmpty()) {
        throw new UntrustedModelException(dir, metaGraph.tagSetText(), unsafe);
      }
    }
    SavedVariables.requirePresent(definition, dir);
    return metaGraph;
  }

  /** The MetaGraphDef that {@code metaGraph} was read from. */
  private static MetaGraphDef definition(org.tensorflow.proto.SavedModel proto,
      MetaGraphSpec metaGraph) {
    return proto.getMetaGraphsList().stream()
        .filter(def -> metaGraph.matches(Set.copyOf(def.getMetaInfoDef().getTagsList())))
        .findFirst()
        .orElseThrow();
  }

  public Path dir() {
    return contents.dir();
  }

  /** Everything saved_model.pb declares, all MetaGraphs included. */
  public SavedModelContents contents() {
    return contents;
  }

  /** The loaded MetaGraph. */
  public MetaGraphSpec metaGraph() {
    return metaGraph;
  }

  /** The loaded MetaGraph's tags. */
  public List<String> tags() {
    return metaGraph.tags();
  }

  /** The signatures one can call, sorted by key. */
  public List<SignatureSpec> signatures() {
    return List.copyOf(metaGraph.callableSignatures().values());
  }

  /**
   * The signature with that key.
   *
   * @throws SavedModelException listing the signatures there are
   */
  public SignatureSpec signature(String key) {
    SignatureSpec signature = metaGraph.callableSignatures().get(key);
    if (signature == null) {
      throw new SavedModelException(
          "No signature '" + key + "' in " + dir() + " (tag-set '" + metaGraph.tagSetText()
              + "'). Signatures: " + String.join(", ", metaGraph.callableSignatures().keySet())
              + ".");
    }
    return signature;
  }

  /** The same text as {@link SavedModelInspector#describe(Path)}. */
  public String describe() {
    return SavedModelInspector.describe(contents);
  }

  /**
   * Calls a signature with typed tensors, one per input key.
   *
   * @return the outputs by key, sorted; the caller owns these tensors and must close them
   * @throws SavedModelException for an unknown signature, a missing or unknown input key, a wrong
   *     dtype or shape, or an error TensorFlow raises while running
   */
  public Map<String, Tensor> call(String signatureKey, Map<String, ? extends Tensor> inputs) {
    SignatureSpec signature = signature(signatureKey);
    InputChecks.tensors(signature, inputs);
    Result result;
    Lock running = lifecycle.readLock();
    running.lock();
    try {
      requireOpen();
      result = bundle.function(signatureKey).call(Collections.unmodifiableMap(inputs));
    } catch (TensorFlowException | TFInvalidArgumentException | TFUnimplementedException e) {
      // A value TensorFlow refuses at run time, e.g. add([1, 2], [1, 2, 3]) cannot broadcast.
      throw new SavedModelException(
          "Signature '" + signatureKey + "' failed in TensorFlow: " + e.getMessage(), e);
    } finally {
      running.unlock();
    }
    // The tensors leave the Result without closing it: ownership passes to the caller.
    SortedMap<String, Tensor> outputs = new TreeMap<>();
    for (Map.Entry<String, Tensor> output : result) {
      outputs.put(output.getKey(), output.getValue());
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  /**
   * Calls a signature with plain values: numbers, strings, booleans, Java arrays or lists of
   * them nested to any depth, or Jackson {@link JsonNode}s. Each is converted to its input's
   * dtype after checking its shape and elements.
   *
   * @return the outputs by key, sorted, as JSON (nested arrays, or a single value for a scalar)
   * @throws SavedModelException as {@link #call}, and for values that do not fit their input
   */
  public Map<String, JsonNode> callWithValues(String signatureKey, Map<String, ?> values) {
    SignatureSpec signature = signature(signatureKey);
    InputChecks.keys(signature, values.keySet());
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    Map<String, Tensor> outputs = Map.of();
    try {
      for (Map.Entry<String, ?> value : values.entrySet()) {
        TensorSpec spec = signature.input(value.getKey());
        JsonNode json =
            value.getValue() instanceof JsonNode node ? node : JsonText.tree(value.getValue());
        inputs.put(
            value.getKey(), JsonToTensor.convert(json, spec, InputChecks.name(signature, spec)));
      }
      outputs = call(signatureKey, inputs);
      Map<String, JsonNode> json = new LinkedHashMap<>();
      outputs.forEach((key, tensor) -> json.put(key, TensorToJson.convert(tensor)));
      return Collections.unmodifiableMap(json);
    } finally {
      closeAll(inputs.values());
      closeAll(outputs.values());
    }
  }

  private static void closeAll(Iterable<Tensor> tensors) {
    tensors.forEach(Tensor::close);
  }

  /**
   * Runs {@code work} on the model's session, which stays open until it returns: for loaders that
   * read the variables through the session, as RNNKit's own model directory does. The session
   * belongs to this model; {@code work} must neither close it nor keep it.
   */
  public <T> T withSession(Function<Session, T> work) {
    Lock running = lifecycle.readLock();
    running.lock();
    try {
      requireOpen();
      return work.apply(bundle.session());
    } finally {
      running.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The SavedModel " + dir() + " has been closed.");
    }
  }

  /**
   * Frees the session and graph; later calls fail with an IllegalStateException. Calls running
   * in other threads finish first: close waits for them. Tensors already returned by {@link
   * #call} stay valid.
   */
  @Override
  public void close() {
    Lock closing = lifecycle.writeLock();
    closing.lock();
    try {
      if (!closed) {
        closed = true;
        bundle.close();
      }
    } finally {
      closing.unlock();
    }
  }
}
