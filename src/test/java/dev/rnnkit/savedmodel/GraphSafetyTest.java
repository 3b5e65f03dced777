package dev.rnnkit.savedmodel;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.rnnkit.model.ArticleModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.AttrValue;
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
    for (Path dir : List.of(Fixtures.lstmModel(), Fixtures.gruModel(), Fixtures.multiSignatureModel())) {
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
    assertEquals(List.of("save/Save"), names(GraphSafety.findUnsafeOps(saving)));

    // Without a SaverDef no checkpoint op belongs to a saver.
    List<String> noSaver = names(GraphSafety.findUnsafeOps(export.toBuilder().clearSaverDef().build()));
    assertEquals(List.of("save/Save", "save/Restore"), noSaver);
  }

  @Test
  void saverFunctionsOfTf2ModelsMayNotBeCalledBySignatures() throws IOException {
    MetaGraphDef fixture = UnsafeModels.metaGraph(Fixtures.multiSignatureModel());
    // StatefulPartitionedCall_2 is the saver's restore: it calls __inference__traced_restore_*.
    MetaGraphDef restoring = fixture.toBuilder().putSignatureDef("restore_from",
        SignatureDef.newBuilder().putOutputs("out",
            TensorInfo.newBuilder().setName("StatefulPartitionedCall_2:0").build()).build()).build();
    List<UnsafeOp> found = GraphSafety.findUnsafeOps(restoring);
    assertEquals(List.of("RestoreV2"), found.stream().map(UnsafeOp::type).toList());
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
