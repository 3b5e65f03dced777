package dev.rnnkit.bench;

import dev.rnnkit.keras.ImportedModel;
import dev.rnnkit.keras.KerasImporter;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A model to benchmark: a display name, its architecture and its starting weights (empty: drawn
 * from seed 1, as for a built-in architecture). Built-in architectures and imported files take
 * the same path from here on.
 */
public record BenchSubject(String name, Sequential architecture, List<Weight> weights) {

  public BenchSubject {
    weights = List.copyOf(weights);
  }

  /** The article's model of {@code cell} over {@code steps} ids ({@link InputSpec#OPEN_LENGTH}: any). */
  public static BenchSubject article(ArticleModels.Cell cell, boolean returnSequences, int steps) {
    return new BenchSubject(cell.cliName(), ArticleModels.build(cell, returnSequences,
        ArticleModels.VOCABULARY, steps), List.of());
  }

  /**
   * A Keras model file (.keras, .h5) or tf.keras SavedModel folder, or a model folder RNNKit
   * saved (train's), with its own weights.
   */
  public static BenchSubject read(Path file) throws IOException {
    Path fileName = file.toAbsolutePath().normalize().getFileName();
    String name = fileName == null ? file.toString() : fileName.toString();
    if (ModelDirectory.isModelDirectory(file)) {
      // KerasImporter refuses RNNKit's own SavedModels (TF1-style, no Keras layers recorded).
      try (ModelDirectory.Loaded loaded = ModelDirectory.load(file)) {
        return new BenchSubject(name, loaded.model().architecture(), loaded.model().weights());
      }
    }
    ImportedModel imported = KerasImporter.importModel(file);
    return new BenchSubject(name, imported.architecture(), imported.weights());
  }

  /** This model over {@code steps} steps ({@link InputSpec#OPEN_LENGTH}: any), same weights. */
  public BenchSubject withTimeSteps(int steps) {
    String suffix = steps == InputSpec.OPEN_LENGTH ? " (open length)" : " (" + steps + " steps)";
    return new BenchSubject(name + suffix, architecture.withTimeSteps(steps), weights);
  }

  /** Whether the model outputs a value per time step (Keras's return_sequences on its output). */
  public boolean outputsSequences() {
    return architecture.outputShape().numDimensions() == 3;
  }

  /**
   * The loss Keras users would compile it with ({@link Sequential#fittingLoss}): binary
   * cross-entropy for one sigmoid unit (from its logits, as every article model trains), sparse
   * categorical cross-entropy for a softmax over classes, else mean squared error.
   */
  public Loss loss() {
    var out = architecture.outputShape();
    boolean sigmoidUnits = architecture.hasSigmoidOutput() && out.get(out.numDimensions() - 1) != 1;
    return sigmoidUnits ? Loss.meanSquaredError() : architecture.fittingLoss();
  }


  /** Compiled with Keras's Adam and {@link #loss}, holding {@link #weights} if any. Close it. */
  public Model compile() {
    return weights.isEmpty() ? Model.compile(architecture, Adam.keras(), loss(), 1)
        : Model.compile(architecture, Adam.keras(), loss(), weights);
  }
}
