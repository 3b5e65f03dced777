package dev.rnnkit.cli;

import dev.rnnkit.keras.KerasExporter;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export-keras", mixinStandardHelpOptions = true,
    description = "Write an RNNKit model as a Keras 3 .keras file (config.json, metadata.json,"
        + " model.weights.h5) that Keras's load_model reads, or a legacy .h5 file.")
final class ExportKerasCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, description = "The RNNKit model folder.")
  Path model;

  @Option(names = "--out", required = true, description = "The .keras (or .h5) file to write.")
  Path out;

  @Option(names = "--force", description = "Replace an existing file.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && !force) {
      throw new IllegalArgumentException(out + " exists: pass --force to replace it");
    }
    try (ModelDirectory.Loaded loaded = ModelDirectory.load(model)) {
      if (out.toString().endsWith(".h5")) {
        KerasExporter.saveLegacyH5(loaded.model(), out);
      } else if (out.toString().endsWith(".keras")) {
        KerasExporter.saveKeras(loaded.model(), out);
      } else {
        throw new IllegalArgumentException("Name the file .keras (Keras 3) or .h5 (legacy): " + out);
      }
    }
    System.out.println("Wrote " + out);
    return 0;
  }
}
