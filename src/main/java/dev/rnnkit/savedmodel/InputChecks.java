package dev.rnnkit.savedmodel;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Tensor;

/**
 * The checks made before anything reaches TensorFlow: a wrong key, dtype or shape there ends in
 * an opaque native error (or worse), here in a message that lists what the signature takes.
 */
final class InputChecks {

  private InputChecks() {}

  /** How messages name one input: "Input 'x' of signature 'add'". */
  static String name(SignatureSpec signature, TensorSpec input) {
    return "Input '" + input.key() + "' of signature '" + signature.key() + "'";
  }

  /**
   * Checks that the given keys are exactly the signature's inputs, and that each can be fed.
   *
   * @throws SavedModelException naming the missing and the unknown keys and listing the inputs
   */
  static void keys(SignatureSpec signature, Set<String> given) {
    Set<String> missing = new TreeSet<>(signature.inputs().keySet());
    missing.removeAll(given);
    Set<String> unknown = new TreeSet<>(given);
    unknown.removeAll(signature.inputs().keySet());
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      StringBuilder message =
          new StringBuilder("Signature '").append(signature.key()).append("' was called with ");
      message.append(given.isEmpty() ? "no inputs" : "inputs " + new TreeSet<>(given)).append(':');
      if (!missing.isEmpty()) {
        message.append(" missing ").append(missing);
      }
      if (!unknown.isEmpty()) {
        message.append(missing.isEmpty() ? "" : ",").append(" unknown ").append(unknown);
      }
      throw new SavedModelException(message.append(". ").append(signature.inputsListing()).toString());
    }
    for (TensorSpec input : signature.inputs().values()) {
      if (input.tensorName().isEmpty()) {
        // Sparse and composite inputs are fed through several tensors; TF Java has no API for it.
        throw new SavedModelException(
            name(signature, input) + " is a sparse or composite tensor, which cannot be fed here.");
      }
    }
  }

  /** Checks every typed input's presence, dtype and shape. */
  static void tensors(SignatureSpec signature, Map<String, ? extends Tensor> inputs) {
    keys(signature, inputs.keySet());
    inputs.forEach(
        (key, tensor) -> {
          TensorSpec spec = signature.input(key);
          if (tensor == null) {
            throw new SavedModelException(name(signature, spec) + " is null.");
          }
          if (tensor.dataType() != spec.dtype()) {
            throw new SavedModelException(
                name(signature, spec) + " expects " + spec.dtypeName() + ", but the tensor given is "
                    + tensor.dataType().name() + ". " + signature.inputsListing());
          }
          shape(name(signature, spec), spec, tensor.shape().asArray());
        });
  }

  /** Checks a value's shape against the declared one; {@code what} names the input. */
  static void shape(String what, TensorSpec spec, long[] dims) {
    spec.shape()
        .mismatch(dims)
        .ifPresent(
            reason -> {
              throw new SavedModelException(
                  what + " has shape " + DeclaredShape.format(dims) + ", but the signature declares "
                      + spec.shape() + " (" + reason + ", -1 = any size).");
            });
  }
}
