package dev.rnnkit.savedmodel;

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
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;
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
  static void editMetaGraph(Path dir, UnaryOperator<MetaGraphDef> edit) throws IOException {
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
