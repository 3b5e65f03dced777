package dev.rnnkit.savedmodel.safety;

/**
 * An op that a SavedModel may not hold unless the caller trusts it.
 *
 * @param name the node's name
 * @param type the op type, e.g. {@code ReadFile}
 * @param where "the graph" or "function NAME" (a function of the graph's library)
 * @param reason what the op would do, e.g. "reads a file"
 */
public record UnsafeOp(String name, String type, String where, String reason) {

  /** {@code ReadFile 'secret' in the graph: reads a file}. */
  @Override
  public String toString() {
    return type + " '" + name + "' in " + where + ": " + reason;
  }
}
