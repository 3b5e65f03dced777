/**
 * Reading SavedModels written by Python (tf.keras {@code model.save}, {@code
 * tf.saved_model.save}) or by TF Java: inspect them, load them once, call their signatures.
 *
 * <ul>
 *   <li>{@link dev.rnnkit.savedmodel.SavedModelInspector#describe(java.nio.file.Path)}: the text
 *       of {@code saved_model_cli show --dir DIR --all}, from saved_model.pb alone, no session.
 *   <li>{@link dev.rnnkit.savedmodel.SavedModel}: load with tags, list signatures, call with
 *       typed tensors or plain values; close when done.
 *   <li>{@link dev.rnnkit.savedmodel.SignatureRunner}: JSON text in, JSON text out.
 * </ul>
 *
 * <p>A command line needs one line per command:
 *
 * <pre>{@code
 * // inspect DIR
 * System.out.print(SavedModelInspector.describe(dir));
 * // predict --model DIR --signature NAME --input key=JSON ...
 * System.out.println(SignatureRunner.run(dir, signature, SignatureRunner.parseInputArguments(inputs)));
 * }</pre>
 *
 * <p>Every mistake (a missing folder, a wrong tag, an unknown signature or input key, a value of
 * the wrong dtype or shape) is a {@link dev.rnnkit.savedmodel.SavedModelException} whose message
 * lists what is available, raised before TensorFlow's native code sees the call.
 *
 * <p>A SavedModel is a program: its graph can read and write files, and loading it runs its
 * restore and init ops. {@link dev.rnnkit.savedmodel.SavedModel#load} (and every loader built on
 * it, such as {@link dev.rnnkit.savedmodel.export.ModelDirectory#load}) first checks the graph and
 * its function library with {@link dev.rnnkit.savedmodel.safety.GraphSafety} and refuses ops
 * beyond pure computation with an {@link dev.rnnkit.savedmodel.UntrustedModelException}, unless
 * {@link dev.rnnkit.savedmodel.LoadOptions#trusted()} is given.
 *
 * <p>This package is a client for any SavedModel, RNNKit's or not: it uses TensorFlow Java,
 * Jackson, {@link dev.rnnkit.savedmodel.safety} and {@link dev.rnnkit.io}, and nothing of RNNKit's
 * models. RNNKit's own export of its models lives in {@link dev.rnnkit.savedmodel.export}.
 */
package dev.rnnkit.savedmodel;
