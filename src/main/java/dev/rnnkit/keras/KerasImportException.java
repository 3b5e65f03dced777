package dev.rnnkit.keras;

/**
 * A Keras file that cannot be read: missing parts, a damaged container (zip, HDF5, protobuf) or
 * contents that contradict each other. The message names the file, the problem and the fix.
 */
public class KerasImportException extends RuntimeException {

  public KerasImportException(String message) {
    super(message);
  }

  public KerasImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
