package dev.rnnkit.cli;

import dev.rnnkit.keras.ImportOptions;
import dev.rnnkit.keras.ImportedModel;
import dev.rnnkit.keras.KerasImporter;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.ServingKeys;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-keras", mixinStandardHelpOptions = true,
    description = {"Import a Keras model trained in Python: a tf.keras 2 SavedModel folder"
        + " (model.save(dir)), a Keras 3 .keras file or a legacy .h5 file.",
        "Writes an RNNKit model (a SavedModel plus rnnkit.json) that predict, train --resume-from"
        + " and export-keras accept. Unsupported layers or options are refused by name."})
final class ImportKerasCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SOURCE", description = "The Keras model (folder or file).")
  Path source;

  @Option(names = "--out", required = true, description = "Folder for the RNNKit model.")
  Path out;

  @Option(names = "--time-steps", description = "Sequence length for models whose input length is"
      + " open (None): RNNKit unrolls over a fixed number of steps.")
  Integer timeSteps;

  @Option(names = "--force", description = "Replace a model already in --out.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    ImportOptions options = timeSteps == null ? ImportOptions.defaults()
        : ImportOptions.defaults().withTimeSteps(timeSteps);
    ImportedModel imported = KerasImporter.importModel(source, options);
    // The file's optimizer, loss and metrics when it was compiled; else Adam and the loss that
    // fits the output.
    Loss loss = imported.loss();
    System.out.print(imported.architecture().summary());
    imported.metadata().notes().forEach(n -> System.out.println("Note: " + n));
    try (Model model = imported.compile()) {
      // A client written for the Python model names Keras's keys; the export keeps them.
      ModelDirectory.save(model, out, null, 0, force, folder -> { },
          ServingKeys.keras(imported.architecture()));
    }
    System.out.println("Imported " + imported.metadata().format() + " " + source + " into " + out
        + " (for fine-tuning: " + imported.optimizer().kerasClassName() + " "
        + imported.optimizer().kerasConfig() + ", loss " + loss.kerasName()
        + (imported.compileConfig() == null ? ", not compiled in the file" : ", from the file")
        + ")");
    return 0;
  }
}
