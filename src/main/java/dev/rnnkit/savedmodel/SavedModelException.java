package dev.rnnkit.savedmodel;

/**
 * A SavedModel cannot be read or called as asked: a missing folder, a wrong tag, an unknown
 * signature or input, a value of the wrong type or shape. The message always says what is
 * available instead, so that a command-line user can correct the call without another tool.
 *
 * <p>It is an {@link IllegalArgumentException} because every such failure comes from an argument
 * (a path, a tag, a key, a value), never from a fault of the library.
 */
public class SavedModelException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public SavedModelException(String message) {
    super(message);
  }

  public SavedModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
