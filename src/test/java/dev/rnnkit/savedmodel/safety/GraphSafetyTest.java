package dev.rnnkit.savedmodel.safety;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.rnnkit.SharedFixtures;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.savedmodel.LoadOptions;
import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.UntrustedModelException;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import dev.rnnkit.savedmodel.export.ModelExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorInfo;

/**
 * A SavedModel whose graph can reach files is refused before TensorFlow sees it, unless trusted;
 * the fixtures Python wrote and RNNKit's own exports pass.
 */
class GraphSafetyTest {

  @TempDir static Path shared;
  @TempDir Path tmp;

  /** An RNNKit export with both signatures: saver ops, a table read from its asset file. */
  private static Path rnnkitExport;

  @BeforeAll
  static void exportRnnkitModel() throws IOException {
    rnnkitExport = shared.resolve("rnnkit");
    ExportFixtures.savedModel(ArticleModels.Cell.LSTM, false, 5, rnnkitExport).close();
  }

  private static UntrustedModelException refused(Path dir) {
    return assertThrows(UntrustedModelException.class, () -> SavedModel.load(dir));
  }

  @Test
  void readFileIsRefusedWithoutTrustAndRunsWithIt() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "0123456789");
    Path dir = UnsafeModels.readsFile(tmp.resolve("reads"), secret);

    UntrustedModelException e = refused(dir);
    assertEquals(List.of(new UnsafeOp("read_secret", "ReadFile", "the graph", "reads a file")),
        e.unsafeOps());
    assertMentions(e.getMessage(), "Refusing to load " + dir, "MetaGraph 'serve'",
        "ReadFile 'read_secret' in the graph: reads a file", "--trust-model",
        "LoadOptions.trusted()");

    try (SavedModel trusted = SavedModel.load(dir, LoadOptions.trusted())) {
      // 1 + the secret's 10 bytes: the graph really did read the file.
      assertEquals(11.0, trusted.callWithValues(UnsafeModels.SIGNATURE,
          Map.of("x", new float[] {1f})).get("y").get(0).asDouble());
    }
  }

  @Test
  void writeFileIsRefusedWithoutTrustAndRunsWithIt() throws IOException {
    Path target = tmp.resolve("dropped.txt");
    Path dir = UnsafeModels.writesFile(tmp.resolve("writes"), target);

    assertMentions(refused(dir).getMessage(), "WriteFile 'drop_file' in the graph: writes a file");
    assertFalse(Files.exists(target), "refused before anything ran");

    try (SavedModel trusted = SavedModel.load(dir, LoadOptions.trusted())) {
      trusted.callWithValues(UnsafeModels.SIGNATURE, Map.of("x", new float[] {1f}));
    }
    assertEquals("pwned", Files.readString(target));
  }

  @Test
  void opsInTheFunctionLibraryAreFoundToo() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "abc");
    Path dir = UnsafeModels.readsFileInAFunction(tmp.resolve("function"), secret);

    UnsafeOp found = refused(dir).unsafeOps().get(0);
    assertEquals("ReadFile", found.type());
    assertEquals("hidden_read", found.name());
    assertTrue(found.where().startsWith("function "), found.where());
    try (SavedModel trusted = SavedModel.load(dir, LoadOptions.trusted())) {
      assertEquals(4.0, trusted.callWithValues(UnsafeModels.SIGNATURE,
          Map.of("x", new float[] {1f})).get("y").get(0).asDouble());
    }
  }

  @Test
  void everyOffendingOpIsListed() throws IOException {
    Path dir = UnsafeModels.readsFile(tmp.resolve("many"), tmp.resolve("secret.txt"));
    UnsafeModels.editMetaGraph(dir, meta -> withNodes(meta,
        node("run_python", "PyFunc"), node("list_home", "MatchingFiles"),
        node("custom", "Addons>Frobnicate")));

    UntrustedModelException e = refused(dir);
    assertEquals(List.of("ReadFile", "PyFunc", "MatchingFiles", "Addons>Frobnicate"),
        e.unsafeOps().stream().map(UnsafeOp::type).toList());
    assertMentions(e.getMessage(), "holds 4 ops", "PyFunc 'run_python' in the graph: runs Python code",
        "MatchingFiles 'list_home' in the graph: lists files",
        "Addons>Frobnicate 'custom' in the graph: not on RNNKit's list of ops that only compute");
  }

  @Test
  void fixturesWrittenByPythonPass() throws IOException {
    for (Path dir : List.of(SharedFixtures.lstmModel(), SharedFixtures.gruModel(),
        SharedFixtures.multiSignatureModel())) {
      assertEquals(List.of(), GraphSafety.findUnsafeOps(UnsafeModels.metaGraph(dir)), dir.toString());
      SavedModel.load(dir).close();
    }
  }

  @Test
  void rnnkitExportsPassThroughEveryLoader() throws IOException {
    assertEquals(List.of(), GraphSafety.findUnsafeOps(UnsafeModels.metaGraph(rnnkitExport)));
    try (SavedModel saved = SavedModel.load(rnnkitExport)) {
      assertEquals(2, saved.signatures().size());
    }
    try (ModelDirectory.Loaded loaded = ModelDirectory.load(rnnkitExport)) {
      assertEquals(ExportFixtures.WORDS, loaded.vocabulary());
    }
  }

  @Test
  void modelDirectoryLoadChecksTheGraphToo() throws IOException {
    Path dir = copy(rnnkitExport, tmp.resolve("tampered"));
    UnsafeModels.editMetaGraph(dir, meta -> withNodes(meta,
        node("other_path", "Const"), node("steal", "ReadFile", "other_path")));

    UntrustedModelException e =
        assertThrows(UntrustedModelException.class, () -> ModelDirectory.load(dir));
    assertMentions(e.getMessage(), "ReadFile 'steal' in the graph");
    ModelDirectory.load(dir, LoadOptions.trusted()).close();
  }

  @Test
  void rnnkitJsonMayNotNameAFileOutsideTheModel() throws IOException {
    Path dir = copy(rnnkitExport, tmp.resolve("escaping"));
    Files.writeString(tmp.resolve("secret.txt"), "password\n");
    Path config = dir.resolve(ModelDirectory.CONFIG_FILE);
    Files.writeString(config, Files.readString(config)
        .replace("assets/" + ModelExporter.VOCABULARY_ASSET, "../secret.txt"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelDirectory.load(dir, LoadOptions.trusted()));
    assertMentions(e.getMessage(), "names the file '../secret.txt', which is outside the model folder");
  }

  @Test
  void tableInitializerMustReadAnAssetFile() throws IOException {
    MetaGraphDef withoutAssets = UnsafeModels.metaGraph(rnnkitExport).toBuilder()
        .clearAssetFileDef().build();
    assertEquals(List.of(new UnsafeOp("text_preprocessing/vocabulary_table_init",
        "InitializeTableFromTextFileV2", "the graph",
        "reads a text file that is not one of the SavedModel's asset files")),
        GraphSafety.findUnsafeOps(withoutAssets));
  }

  @Test
  void assetsMustStayInsideTheAssetsFolder() throws IOException {
    // The loader would feed DIR/assets/../../secret.txt to the table initializer.
    MetaGraphDef export = UnsafeModels.metaGraph(rnnkitExport);
    MetaGraphDef.Builder escaping = export.toBuilder();
    escaping.getAssetFileDefBuilder(0).setFilename("../../secret.txt");
    assertEquals(List.of(
        new UnsafeOp("text_preprocessing/vocabulary_table_init", "InitializeTableFromTextFileV2",
            "the graph", "reads a text file that is not one of the SavedModel's asset files"),
        new UnsafeOp("text_preprocessing/vocabulary_path:0", "asset", "the MetaGraph's asset list",
            "names '../../secret.txt', a file outside the SavedModel's assets/ folder")),
        GraphSafety.findUnsafeOps(escaping.build()));

    // A well-named asset that is a symbolic link to a file elsewhere.
    Path dir = copy(rnnkitExport, tmp.resolve("linked"));
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "password\n");
    Path vocabulary = dir.resolve("assets").resolve(ModelExporter.VOCABULARY_ASSET);
    Files.delete(vocabulary);
    Files.createSymbolicLink(vocabulary, secret);
    assertMentions(refused(dir).getMessage(), "asset 'text_preprocessing/vocabulary_path:0' in the"
        + " MetaGraph's asset list: assets/vocabulary.txt is a symbolic link or leads outside");
    SavedModel.load(dir, LoadOptions.trusted()).close();
  }

  @Test
  void aSignatureThatFillsATableFromAnAssetPathIsRefused() throws IOException {
    // The loader substitutes the asset's real path only while it loads: calling the signature
    // fills the table from the stored path, here a file outside the model.
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "root:x:0:0\nbob:x:1000:1000\n");
    Path dir = UnsafeModels.returnsTableFilledFromAssetPath(tmp.resolve("table"), secret);

    UntrustedModelException e = refused(dir);
    assertEquals(List.of(new UnsafeOp("fill_table", "InitializeTableFromTextFileV2", "the graph",
        "runs whenever signature 'serving_default' runs, on the path stored in the graph"
            + " (TensorFlow substitutes the real path only while loading), so it could reach any"
            + " file"),
        new UnsafeOp("asset_path:0", "asset", "the MetaGraph's asset list",
            "signature 'serving_default' reads this path (stored value '" + secret + "'), which"
                + " TensorFlow replaces with the real file only while loading")),
        e.unsafeOps());

    try (SavedModel trusted = SavedModel.load(dir, LoadOptions.trusted())) {
      assertEquals(Set.of("root:x:0:0", "bob:x:1000:1000"), texts(trusted.callWithValues(
          UnsafeModels.SIGNATURE, Map.of("x", new float[] {1f})).get("lines")));
    }
  }

  @Test
  void aTableInitializerHandedOverAsAFunctionAttributeIsFound() throws IOException {
    // The init op calls fill_and_export on the asset; the signature reaches it only through a
    // function that takes it as an attribute and calls it on a path of its own.
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "root:x:0:0\nTOP SECRET\n");
    Path dir = UnsafeModels.readsTableThroughAFunctionAttribute(tmp.resolve("indirect"), secret);

    List<UnsafeOp> found = refused(dir).unsafeOps();
    assertTrue(found.stream().anyMatch(op -> op.type().equals("InitializeTableFromTextFileV2")
        && op.where().equals("function fill_and_export")), found.toString());

    try (SavedModel trusted = SavedModel.load(dir, LoadOptions.trusted())) {
      assertEquals(Set.of("root:x:0:0", "TOP SECRET"), texts(trusted.callWithValues(
          UnsafeModels.SIGNATURE, Map.of("x", new float[] {1f})).get("lines")));
    }
  }

  @Test
  void aTablePathTakenFromASignatureInputIsRefused() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "password\n");
    Path dir = UnsafeModels.readsTableFromInputPath(tmp.resolve("input"));

    List<UnsafeOp> found = refused(dir).unsafeOps();
    assertTrue(found.contains(new UnsafeOp("path:0", "asset", "the MetaGraph's asset list",
        "is input 'path' of signature 'serving_default', so a caller could pass any path to the"
            + " ops that read it")), found.toString());
    assertEquals(List.of("fill_table", "path:0"), names(found));

    try (SavedModel trusted = SavedModel.load(dir, LoadOptions.trusted())) {
      assertEquals(Set.of("password"), texts(trusted.callWithValues(UnsafeModels.SIGNATURE,
          Map.of("path", secret.toString())).get("lines")));
    }
  }

  @Test
  void aSignatureInputFlowingIntoATableInitializerIsRefusedEvenWhenTheAssetIsNot() {
    // Only the init op runs the table initializer, but its path is a signature input's value.
    MetaGraphDef.Builder meta = MetaGraphDef.newBuilder()
        .addAssetFileDef(AssetFileDef.newBuilder().setFilename("vocab.txt")
            .setTensorInfo(TensorInfo.newBuilder().setName("asset_path:0")))
        .putSignatureDef("__saved_model_init_op", SignatureDef.newBuilder().putOutputs("init",
            TensorInfo.newBuilder().setName("init").build()).build())
        .putSignatureDef("serving_default", SignatureDef.newBuilder()
            .putInputs("which", TensorInfo.newBuilder().setName("which:0").build())
            .putOutputs("y", TensorInfo.newBuilder().setName("which:0").build()).build());
    meta.getGraphDefBuilder()
        .addNode(node("table", "HashTableV2"))
        .addNode(node("which", "Placeholder"))
        .addNode(node("asset_path", "Identity", "^which"))
        .addNode(node("fill", "InitializeTableFromTextFileV2", "table", "asset_path"))
        .addNode(node("init", "NoOp", "^fill"));
    assertEquals(List.of(new UnsafeOp("fill", "InitializeTableFromTextFileV2", "the graph",
        "its inputs come from input 'which' of signature 'serving_default', so a caller could"
            + " choose the file")), GraphSafety.findUnsafeOps(meta.build()));
  }

  @Test
  void aSignatureThatReturnsTheAssetPathIsRefused() throws IOException {
    Path dir = UnsafeModels.returnsAssetPath(tmp.resolve("path"), "/etc/passwd");

    assertEquals(List.of(new UnsafeOp("asset_path:0", "asset", "the MetaGraph's asset list",
        "signature 'serving_default' reads this path (stored value '/etc/passwd'), which"
            + " TensorFlow replaces with the real file only while loading")),
        refused(dir).unsafeOps());
    try (SavedModel trusted = SavedModel.load(dir, LoadOptions.trusted())) {
      assertEquals(Set.of("/etc/passwd"), texts(trusted.callWithValues(UnsafeModels.SIGNATURE,
          Map.of("x", new float[] {1f})).get("path")));
    }
  }

  @Test
  void collectionsOtherThanTheLoadersCountAsCallers() throws IOException {
    // TF1 keeps its main op in a collection the loader runs; any other collection may be run by
    // whoever loads the graph, so a table initializer there is refused.
    MetaGraphDef export = UnsafeModels.metaGraph(rnnkitExport);
    String init = "text_preprocessing/vocabulary_table_init";
    assertEquals(List.of(), GraphSafety.findUnsafeOps(withCollection(export, "legacy_init_op", init)));
    assertEquals(List.of(), GraphSafety.findUnsafeOps(withCollection(export, "table_initializer", init)));
    List<UnsafeOp> found = GraphSafety.findUnsafeOps(withCollection(export, "train_op", init));
    assertEquals(List.of(init, "text_preprocessing/vocabulary_path:0"), names(found));
    assertMentions(found.get(0).reason(), "runs whenever collection 'train_op' runs");
  }

  private static MetaGraphDef withCollection(MetaGraphDef meta, String name, String node) {
    return meta.toBuilder().putCollectionDef(name, CollectionDef.newBuilder().setNodeList(
        CollectionDef.NodeList.newBuilder().addValue(node)).build()).build();
  }

  /** The strings of a string output, a vector or a scalar. */
  private static Set<String> texts(com.fasterxml.jackson.databind.JsonNode output) {
    if (!output.isArray()) {
      return Set.of(output.asText());
    }
    Set<String> values = new java.util.HashSet<>();
    output.forEach(value -> values.add(value.asText()));
    return values;
  }

  @Test
  void tableInitializerInAFunctionIsTracedThroughItsCalls() {
    // As TF2 writes it: the init op calls a function that fills the table from its argument.
    FunctionDef initializer = FunctionDef.newBuilder()
        .setSignature(OpDef.newBuilder().setName("__inference__initializer_7")
            .addInputArg(OpDef.ArgDef.newBuilder().setName("table"))
            .addInputArg(OpDef.ArgDef.newBuilder().setName("vocabulary_path")))
        .addNodeDef(node("path", "Identity", "vocabulary_path"))
        .addNodeDef(node("init", "InitializeTableFromTextFileV2", "table", "path:output:0"))
        .build();
    MetaGraphDef.Builder meta = MetaGraphDef.newBuilder()
        .addAssetFileDef(AssetFileDef.newBuilder().setFilename("vocab.txt")
            .setTensorInfo(TensorInfo.newBuilder().setName("asset_path:0")));
    meta.getGraphDefBuilder()
        .addNode(node("table", "HashTableV2"))
        .addNode(node("asset_path", "Const"))
        .addNode(node("other_path", "Const"))
        .addNode(call("init_call", initializer, "table", "asset_path"))
        .getLibraryBuilder().addFunction(initializer);
    assertEquals(List.of(), GraphSafety.findUnsafeOps(meta.build()));

    // A second call passing another file: the function's argument is no longer only the asset.
    meta.getGraphDefBuilder().addNode(call("sneaky_call", initializer, "table", "other_path"));
    assertEquals(List.of(new UnsafeOp("init", "InitializeTableFromTextFileV2",
        "function __inference__initializer_7",
        "reads a text file that is not one of the SavedModel's asset files")),
        GraphSafety.findUnsafeOps(meta.build()));
  }

  private static NodeDef call(String name, FunctionDef function, String... inputs) {
    return node(name, "StatefulPartitionedCall", inputs).toBuilder().putAttr("f",
        AttrValue.newBuilder().setFunc(NameAttrList.newBuilder()
            .setName(function.getSignature().getName())).build()).build();
  }

  @Test
  void checkpointOpsOutsideTheSaverAreRefused() throws IOException {
    MetaGraphDef export = UnsafeModels.metaGraph(rnnkitExport);
    // A RestoreV2 of some other file, next to the saver's own.
    MetaGraphDef extraRestore = withNodes(export,
        node("other_path", "Const"), node("steal", "RestoreV2", "other_path", "save/Const", "save/ZerosLike"));
    assertEquals(List.of("steal"), names(GraphSafety.findUnsafeOps(extraRestore)));

    // The saver's own restore, rewired to read another file than the loader feeds it.
    MetaGraphDef rewired = rewire(export, "save/Restore", 0, "other_path");
    assertEquals(List.of("save/Restore"),
        names(GraphSafety.findUnsafeOps(withNodes(rewired, node("other_path", "Const")))));

    // A signature that runs the saver's save: calling it would write files.
    MetaGraphDef saving = export.toBuilder().putSignatureDef("save_everything",
        SignatureDef.newBuilder().putOutputs("done",
            TensorInfo.newBuilder().setName("save/control_dependency:0").build()).build()).build();
    // (The save also reads the saver's filename tensor, which the signature thus reaches.)
    assertEquals(List.of("save/Save", "save/filename:0"), names(GraphSafety.findUnsafeOps(saving)));

    // Without a SaverDef no checkpoint op belongs to a saver.
    List<String> noSaver = names(GraphSafety.findUnsafeOps(export.toBuilder().clearSaverDef().build()));
    assertEquals(List.of("save/Save", "save/Restore"), noSaver);
  }

  @Test
  void saverFunctionsOfTf2ModelsMayNotBeCalledBySignatures() throws IOException {
    MetaGraphDef fixture = UnsafeModels.metaGraph(SharedFixtures.multiSignatureModel());
    // StatefulPartitionedCall_2 is the saver's restore: it calls __inference__traced_restore_*.
    MetaGraphDef restoring = fixture.toBuilder().putSignatureDef("restore_from",
        SignatureDef.newBuilder().putOutputs("out",
            TensorInfo.newBuilder().setName("StatefulPartitionedCall_2:0").build()).build()).build();
    List<UnsafeOp> found = GraphSafety.findUnsafeOps(restoring);
    assertEquals(List.of("RestoreV2", "saver filename"), found.stream().map(UnsafeOp::type).toList());
    assertTrue(found.get(0).where().startsWith("function __inference__traced_restore"),
        found.get(0).where());
  }

  @Test
  void printingIsAllowedToStandardStreamsOnly() throws IOException {
    Path toStderr = UnsafeModels.prints(tmp.resolve("stderr"), "stderr");
    SavedModel.load(toStderr).close();
    String file = "file://" + tmp.resolve("log.txt");
    Path toFile = UnsafeModels.prints(tmp.resolve("file"), file);
    assertEquals(List.of(new UnsafeOp("say_hello", "PrintV2", "the graph", "prints to " + file)),
        refused(toFile).unsafeOps());
  }

  private static List<String> names(List<UnsafeOp> ops) {
    return ops.stream().map(UnsafeOp::name).toList();
  }

  private static NodeDef node(String name, String op, String... inputs) {
    NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp(op).addAllInput(List.of(inputs));
    if (op.equals("Const")) {
      node.putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_STRING).build());
      node.putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
          .setDtype(DataType.DT_STRING).addStringVal(ByteString.copyFromUtf8("/etc/hostname"))).build());
    }
    return node.build();
  }

  private static MetaGraphDef withNodes(MetaGraphDef meta, NodeDef... nodes) {
    MetaGraphDef.Builder builder = meta.toBuilder();
    for (NodeDef node : nodes) {
      builder.getGraphDefBuilder().addNode(node);
    }
    return builder.build();
  }

  private static MetaGraphDef rewire(MetaGraphDef meta, String nodeName, int input, String from) {
    MetaGraphDef.Builder builder = meta.toBuilder();
    for (NodeDef.Builder node : builder.getGraphDefBuilder().getNodeBuilderList()) {
      if (node.getName().equals(nodeName)) {
        node.setInput(input, from);
      }
    }
    return builder.build();
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Files.copy(source, to.resolve(from.relativize(source).toString()));
      }
    }
    return to;
  }
}
