package dev.rnnkit.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rnnkit.io.Json;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;

/**
 * Reads a tf.keras 2 SavedModel directory ({@code model.save(dir)}): the layer configs from the
 * Keras metadata, the weights from the checkpoint under {@code variables/}, each weight's
 * checkpoint key found through the object graph (see {@link ObjectGraphResolver}).
 */
final class SavedModelReader {

  /** The checkpoint entry holding the checkpoint's own object graph (a TrackableObjectGraph). */
  static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";

  private static final Set<String> MODEL_IDENTIFIERS =
      Set.of("_tf_keras_sequential", "_tf_keras_network", "_tf_keras_model");

  private final Path dir;

  SavedModelReader(Path dir) {
    this.dir = dir;
  }

  static boolean looksLikeSavedModel(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("saved_model.pb"));
  }

  ImportedModel read(ImportOptions options) {
    SavedObjectGraph objectGraph = objectGraph();
    List<KerasMetadataReader.Node> kerasNodes = kerasNodes(objectGraph);
    Map<Integer, JsonNode> metadataById = new HashMap<>();
    for (KerasMetadataReader.Node node : kerasNodes) {
      metadataById.put(node.nodeId(), parseJson(node.metadataJson(), "node " + node.nodeId()));
    }
    KerasMetadataReader.Node root = kerasNodes.stream().filter(n -> n.nodeId() == 0).findFirst()
        .orElseThrow(() -> new KerasImportException(dir + ": the Keras metadata describes no root"
            + " object (node 0); the SavedModel does not hold a Keras model"));
    if (!MODEL_IDENTIFIERS.contains(root.identifier())) {
      throw new KerasImportException(dir + ": the SavedModel's root is a Keras '"
          + root.identifier() + "', not a model; RNNKit imports saved Keras models");
    }
    JsonNode rootMetadata = metadataById.get(0);
    KerasModelPlan plan = KerasConfigMapper.map(
        rootMetadata, rootMetadata.get("build_input_shape"), options);

    CheckpointReader checkpoint = new CheckpointReader(dir.resolve("variables").resolve("variables"));
    ObjectGraphResolver resolver = new ObjectGraphResolver(
        objectGraph, checkpointObjectGraph(checkpoint), dir.toString());

    List<Sequential.NamedWeightSpec> specs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (KerasModelPlan.KerasLayer layer : plan.layers()) {
      if (!layer.hasWeights()) {
        continue;
      }
      int layerNode = layerNode(resolver, metadataById, layer.name());
      for (Sequential.NamedWeightSpec spec : plan.weightSpecsOf(layer)) {
        String shortName = spec.spec().name();
        List<String> path = KerasV3WeightLayout.objectPath(
            plan.architecture().layers().get(layer.architectureIndex()), shortName,
            layer.weightsInCell());
        ObjectGraphResolver.ResolvedVariable variable = resolver.variable(layerNode, path);
        requireShape(spec, variable.shape(), "variable " + variable.variableName());
        specs.add(spec);
        keys.add(variable.checkpointKey());
        sources.put(spec.name(), "checkpoint key " + variable.checkpointKey()
            + " (variable " + variable.variableName() + ")");
      }
    }
    List<Weight> weights = new ArrayList<>();
    List<CheckpointReader.FloatTensor> tensors = checkpoint.readFloats(keys);
    for (int i = 0; i < specs.size(); i++) {
      CheckpointReader.FloatTensor tensor = tensors.get(i);
      requireShape(specs.get(i), tensor.shape(), "checkpoint tensor " + tensor.key());
      weights.add(new Weight(specs.get(i).name(), tensor.shape(), tensor.values()));
    }
    String kerasVersion = rootMetadata.path("keras_version").asText("unknown");
    List<String> notes = new ArrayList<>(plan.notes());
    KerasCompileConfig compile = KerasTrainingConfig.read(rootMetadata.get("training_config"), notes);
    if (compile != null) {
      notes.add("The optimizer state of a tf.keras SavedModel is not read: fine-tuning starts it"
          + " afresh with the saved optimizer settings.");
    }
    return new ImportedModel(plan.architecture(), weights, new ImportMetadata(
        KerasFormat.TF_KERAS_SAVED_MODEL, dir, plan.modelName(), kerasVersion, notes, sources),
        compile, null);
  }

  private SavedObjectGraph objectGraph() {
    SavedModel savedModel;
    Path file = dir.resolve("saved_model.pb");
    try {
      savedModel = SavedModel.parseFrom(Files.readAllBytes(file));
    } catch (InvalidProtocolBufferException e) {
      throw new KerasImportException(file + " is not a valid SavedModel protobuf: "
          + e.getMessage() + ". The file is damaged; copy it again or re-save the model", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return savedModel.getMetaGraphsList().stream()
        .map(MetaGraphDef::getObjectGraphDef)
        .filter(g -> g.getNodesCount() > 0)
        .findFirst()
        .orElseThrow(() -> new KerasImportException(dir + " is a TF1-style SavedModel (no"
            + " object graph), as TF Java's exporter writes; only tf.keras's model.save(dir)"
            + " records the Keras layers RNNKit imports"));
  }

  /**
   * The Keras metadata: keras_metadata.pb since TF 2.5; before, each object's metadata was kept
   * in saved_model.pb's object graph itself.
   */
  private List<KerasMetadataReader.Node> kerasNodes(SavedObjectGraph graph) {
    Path file = dir.resolve("keras_metadata.pb");
    if (Files.isRegularFile(file)) {
      return KerasMetadataReader.read(file);
    }
    List<KerasMetadataReader.Node> nodes = new ArrayList<>();
    for (int i = 0; i < graph.getNodesCount(); i++) {
      SavedObject node = graph.getNodes(i);
      if (node.hasUserObject() && !node.getUserObject().getMetadata().isEmpty()) {
        int bytes = node.getUserObject().getMetadataBytes().size();
        if (bytes > ArchiveLimits.MAX_JSON_BYTES) {
          throw ArchiveLimits.jsonTooLarge(dir.resolve("saved_model.pb") + ": the Keras"
              + " metadata of node " + i + " takes " + bytes + " bytes", "layer config");
        }
        nodes.add(new KerasMetadataReader.Node(i, "", node.getUserObject().getIdentifier(),
            node.getUserObject().getMetadata()));
      }
    }
    if (nodes.isEmpty()) {
      throw new KerasImportException(dir + " holds no Keras metadata (no keras_metadata.pb and"
          + " none in saved_model.pb): it was written by tf.saved_model.save or Keras 3's"
          + " model.export, not by tf.keras's model.save(dir), so its layers are unknown; save"
          + " the model as a .keras file instead");
    }
    return nodes;
  }

  private TrackableObjectGraph checkpointObjectGraph(CheckpointReader checkpoint) {
    byte[] bytes = checkpoint.readBytes(OBJECT_GRAPH_KEY);
    try {
      return TrackableObjectGraph.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new KerasImportException(dir + ": the checkpoint's " + OBJECT_GRAPH_KEY
          + " entry is not a valid TrackableObjectGraph: " + e.getMessage()
          + ". The checkpoint is damaged; re-save the model", e);
    }
  }

  /** The object graph node of a top-level layer: the root's child whose Keras name matches. */
  private int layerNode(ObjectGraphResolver resolver, Map<Integer, JsonNode> metadataById,
      String layerName) {
    List<Integer> matches = resolver.children(0).stream()
        .map(ObjectGraphResolver.Child::nodeId)
        .distinct()
        .filter(id -> metadataById.containsKey(id)
            && layerName.equals(metadataById.get(id).path("name").asText(null)))
        .toList();
    if (matches.size() != 1) {
      throw new KerasImportException(dir + ": " + (matches.isEmpty() ? "no" : matches.size())
          + " objects of the model are named '" + layerName + "' in the object graph, expected"
          + " one; the Keras metadata and saved_model.pb do not match");
    }
    return matches.get(0);
  }

  private JsonNode parseJson(String text, String what) {
    try {
      return Json.reader().readTree(text);
    } catch (JsonProcessingException e) {
      throw new KerasImportException(dir + ": the Keras metadata of " + what
          + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private void requireShape(Sequential.NamedWeightSpec spec, long[] shape, String what) {
    if (!Arrays.equals(spec.spec().shape(), shape)) {
      throw new KerasImportException(dir + ": " + what + " has shape " + Arrays.toString(shape)
          + " but the config makes " + spec.name() + " " + Arrays.toString(spec.spec().shape())
          + "; the weights do not belong to this config");
    }
  }
}
