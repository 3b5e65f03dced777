package dev.rnnkit.keras;

import dev.rnnkit.model.OptimizerState;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Optimizer;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the optimizer variables Keras 3 saves with a compiled model: {@code iteration},
 * {@code learning_rate}, then the slots in Keras's order (see {@link Optimizer#slotGroups()}).
 * In a {@code .keras} file they are {@code optimizer/vars/0..N} of model.weights.h5; in a legacy
 * {@code .h5} file, the datasets of {@code optimizer_weights} listed by its {@code weight_names}
 * attribute ({@code rm_sprop/iteration}, {@code rm_sprop/sequential_dense_kernel_velocity}, ...).
 * A state that does not fit the compiled optimizer and the weights (another count, shape or slot
 * name, tf.keras 2's layout) is not used: a note says so and training starts it afresh.
 */
final class KerasOptimizerState {

  private KerasOptimizerState() {}

  /** The compile config with the saved state (and the saved learning rate), or without one. */
  record Read(KerasCompileConfig compileConfig, OptimizerState state) {}

  /** From a .keras file's model.weights.h5. */
  static Read fromKerasFile(HdfFile h5, KerasCompileConfig compile, List<Weight> weights,
      List<String> notes, String where) {
    if (compile == null) {
      return new Read(null, null);
    }
    Optional<Group> vars = Hdf5.findGroup(h5, "optimizer/vars");
    if (vars.isEmpty() || vars.get().getChildren().isEmpty()) {
      return none(compile, notes);
    }
    List<Dataset> datasets = new ArrayList<>();
    for (int i = 0; i < vars.get().getChildren().size(); i++) {
      Node node = vars.get().getChildren().get(Integer.toString(i));
      if (!(node instanceof Dataset d)) {
        return unmapped(compile, notes, "optimizer/vars has no dataset " + i);
      }
      datasets.add(d);
    }
    return map(compile, datasets, null, weights, notes, where);
  }

  /** From a legacy .h5 file's optimizer_weights group. */
  static Read fromLegacyH5(HdfFile h5, KerasCompileConfig compile, List<Weight> weights,
      List<String> notes, String where) {
    if (compile == null) {
      return new Read(null, null);
    }
    Optional<Group> group = Hdf5.findGroup(h5, "optimizer_weights");
    if (group.isEmpty()) {
      return none(compile, notes);
    }
    List<String> names = Hdf5.chunkedStrings(group.get(), "weight_names", where).orElse(List.of());
    List<Dataset> datasets = new ArrayList<>();
    for (String name : names) {
      Optional<Dataset> d = Hdf5.find(group.get(), name).filter(Dataset.class::isInstance)
          .map(Dataset.class::cast);
      if (d.isEmpty()) {
        return unmapped(compile, notes, "optimizer_weights lists " + name + ", which it does not hold");
      }
      datasets.add(d.get());
    }
    return map(compile, datasets, names, weights, notes, where);
  }

  private static Read map(KerasCompileConfig compile, List<Dataset> datasets, List<String> names,
      List<Weight> weights, List<String> notes, String where) {
    Optimizer optimizer = compile.optimizer();
    List<long[]> shapes = new ArrayList<>();
    List<String> slotNames = new ArrayList<>();
    for (List<String> group : optimizer.slotGroups()) {
      for (Weight w : weights) {
        for (String slot : group) {
          shapes.add(w.shape());
          slotNames.add(optimizer.kerasSlotName(slot));
        }
      }
    }
    if (datasets.size() == 2 && !shapes.isEmpty()) {
      return none(compile, notes); // compiled, never trained: Keras saved no slots either
    }
    if (datasets.size() != shapes.size() + 2) {
      return unmapped(compile, notes, "it holds " + datasets.size() + " variables where "
          + optimizer.kerasClassName() + " on these weights has " + (shapes.size() + 2)
          + " (iteration, learning_rate and " + shapes.size() + " slots)");
    }
    if (names != null && !(names.get(0).endsWith("iteration") && names.get(1).endsWith("learning_rate"))) {
      return unmapped(compile, notes, "its first variables are " + names.subList(0, 2)
          + ", not iteration and learning_rate (a tf.keras 2 layout)");
    }
    List<Weight> slots = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      Dataset d = datasets.get(i + 2);
      String name = names != null ? names.get(i + 2) : d.getPath();
      if (!Arrays.equals(Hdf5.shape(d), shapes.get(i))
          || (names != null && !name.endsWith("_" + slotNames.get(i)))) {
        return unmapped(compile, notes, "variable " + name + " " + Arrays.toString(Hdf5.shape(d))
            + " is not the " + slotNames.get(i) + " " + Arrays.toString(shapes.get(i))
            + " expected there");
      }
      slots.add(new Weight(name, shapes.get(i), Hdf5.floats(d, where)));
    }
    long iterations = integer(datasets.get(0));
    float learningRate = Hdf5.floats(datasets.get(1), where)[0];
    KerasCompileConfig withRate = learningRate == optimizer.learningRate() ? compile
        : new KerasCompileConfig(compile.loss(), optimizer.withLearningRate(learningRate),
            compile.metrics());
    return new Read(withRate, new OptimizerState(iterations, slots));
  }

  private static long integer(Dataset dataset) {
    Object value = dataset.getData();
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw new KerasImportException(dataset.getPath() + " is not an integer step count");
  }

  /**
   * No slots saved (Keras saves them once training has built the optimizer): training starts
   * them afresh, as Keras would; nothing to note.
   */
  private static Read none(KerasCompileConfig compile, List<String> notes) {
    return new Read(compile, null);
  }

  private static Read unmapped(KerasCompileConfig compile, List<String> notes, String why) {
    notes.add("The saved optimizer state is not used (" + why + "): fine-tuning starts it"
        + " afresh.");
    return new Read(compile, null);
  }
}
