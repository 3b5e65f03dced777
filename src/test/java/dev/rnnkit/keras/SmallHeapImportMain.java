package dev.rnnkit.keras;

import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link SmallHeapImportTest}: imports each file given,
 * in turn, and prints what happened on one line each: {@code IMPORTED}, {@code REFUSED} with the
 * message, or {@code OUT OF MEMORY} (then exits 3).
 */
public final class SmallHeapImportMain {

  private SmallHeapImportMain() {}

  public static void main(String[] args) {
    System.out.println("HEAP " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
    for (String file : args) {
      try {
        ImportedModel model = KerasImporter.importModel(Path.of(file));
        System.out.println("IMPORTED " + file + ": " + model.weights().size() + " weights of "
            + model.architecture().layers().size() + " layers");
      } catch (KerasImportException e) {
        System.out.println("REFUSED " + e.getMessage());
      } catch (OutOfMemoryError e) {
        System.out.println("OUT OF MEMORY " + e);
        System.exit(3);
      }
    }
  }
}
