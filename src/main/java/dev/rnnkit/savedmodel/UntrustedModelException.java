package dev.rnnkit.savedmodel;

import dev.rnnkit.savedmodel.safety.UnsafeOp;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A SavedModel holds ops that can reach files, the network or Python, and the caller did not say
 * it trusts the model. Nothing of the model has run: the check reads saved_model.pb only.
 */
public final class UntrustedModelException extends SavedModelException {

  private static final long serialVersionUID = 1L;

  private final transient List<UnsafeOp> unsafeOps;

  UntrustedModelException(Path dir, String tagSet, List<UnsafeOp> unsafeOps) {
    super(message(dir, tagSet, unsafeOps));
    this.unsafeOps = List.copyOf(unsafeOps);
  }

  /** Every op that was refused, graph first, then function by function. */
  public List<UnsafeOp> unsafeOps() {
    return unsafeOps;
  }

  private static String message(Path dir, String tagSet, List<UnsafeOp> ops) {
    return "Refusing to load " + dir + ": its MetaGraph '" + tagSet + "' holds " + ops.size()
        + (ops.size() == 1 ? " op" : " ops") + " that can do more than compute on tensors"
        + " (loading a SavedModel runs its restore and init ops, calling it runs its signatures):"
        + ops.stream().map(op -> "\n  " + op).collect(Collectors.joining())
        + "\nLoad it only if you trust where it came from: pass --trust-model (Java:"
        + " LoadOptions.trusted()). docs/savedmodels-and-security.md, \"Untrusted SavedModels\","
        + " lists the ops accepted"
        + " without trust.";
  }
}
