/**
 * Whether a SavedModel may be loaded without trusting where it came from, decided from
 * {@code saved_model.pb} alone, before TensorFlow sees the graph: a SavedModel is a program, and
 * loading it runs its restore and init ops.
 *
 * <p>{@link dev.rnnkit.savedmodel.safety.GraphSafety#findUnsafeOps} lists every op of the graph
 * and of its function library that can do more than compute on tensors in memory (an allowlist,
 * {@code OpAllowlist}, not a denylist), checkpoint and asset ops that stand anywhere but where
 * TensorFlow's loader itself uses them, and asset files that lead outside the SavedModel folder.
 * Each finding is an {@link dev.rnnkit.savedmodel.safety.UnsafeOp}. {@link
 * dev.rnnkit.savedmodel.safety.AssetFiles#nameProblem} tells whether a file name a model names
 * stays inside its folder.
 *
 * <p>The SavedModel client ({@link dev.rnnkit.savedmodel}) runs this check on every load and
 * refuses a model with findings unless told to trust it. This package uses TensorFlow's protocol
 * buffers and the JDK only, no other RNNKit package.
 */
package dev.rnnkit.savedmodel.safety;
