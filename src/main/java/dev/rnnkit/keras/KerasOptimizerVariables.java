package dev.rnnkit.keras;

import dev.rnnkit.keras.hdf5.H5Dataset;
import dev.rnnkit.keras.hdf5.H5Group;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.OptimizerState;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer variables Keras 3 saves with a compiled model, built from an RNNKit model's
 * {@link Model#optimizerState()}: {@code iteration} (int64, as Keras on TensorFlow creates it;
 * Keras on the other backends casts it to its int32 on load), {@code learning_rate} (float32, the
 * rate in use now), then the slots in the order {@code optimizer.build()} creates them ({@link
 * Optimizer#slotGroups()}: Adam's momentum and velocity per weight, then AMSGrad's velocity_hat
 * per weight; RMSprop's velocity per weight, then momentum, then average_gradient; SGD's momentum).
 * Keras's {@code iterations} and RNNKit's step count both count the steps taken (the next step is
 * {@code iterations + 1}, which Adam's bias correction uses), so the count is written unchanged.
 *
 * <p>A model that never trained is written with its state too: step 0 and zero slots are exactly
 * what Keras's {@code optimizer.build()} creates, and Keras 3.15 builds the optimizer before
 * loading, so a file with only {@code iteration} and {@code learning_rate} (what Keras itself
 * saves for a compiled, unbuilt optimizer) would make it warn and skip the variables.
 *
 * @param variables Keras's variable path (the legacy {@code .h5} dataset path, e.g. {@code
 *     adam/sequential_lstm_lstm_cell_kernel_momentum}) to its value, in Keras's order
 */
record KerasOptimizerVariables(Map<String, H5Dataset> variables) {

  KerasOptimizerVariables {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /**
   * The model's optimizer variables; {@code weights} are the model's in the architecture's order,
   * {@code modelName} the Keras model name the file gets (it starts Keras's variable paths).
   */
  static KerasOptimizerVariables of(Model model, List<Weight> weights, String modelName) {
    Optimizer optimizer = model.optimizer();
    OptimizerState state = model.optimizerState();
    String scope = String.valueOf(optimizer.kerasConfig().get("name"));
    Map<String, H5Dataset> variables = new LinkedHashMap<>();
    variables.put(scope + "/iteration",
        H5Dataset.int64(new long[0], new long[] {state.iterations()}));
    variables.put(scope + "/learning_rate",
        H5Dataset.float32(new long[0], new float[] {model.learningRate()}));
    List<Weight> slots = state.slots();
    int i = 0;
    for (List<String> group : optimizer.slotGroups()) {
      for (Weight w : weights) {
        String reference = variablePath(model.architecture(), w, modelName).replace('/', '_');
        for (String slot : group) {
          Weight value = slots.get(i++);
          if (!Arrays.equals(value.shape(), w.shape())) {
            throw new IllegalStateException("Optimizer slot " + value.name() + " has shape "
                + Arrays.toString(value.shape()) + " but weight " + w.name() + " has "
                + Arrays.toString(w.shape()));
          }
          variables.put(scope + "/" + reference + "_" + optimizer.kerasSlotName(slot),
              H5Dataset.float32(value.shape(), value.values()));
        }
      }
    }
    if (i != slots.size()) {
      throw new IllegalStateException("The optimizer state has " + slots.size() + " slots but "
          + optimizer.kerasClassName() + " on " + weights.size() + " weights has " + i);
    }
    return new KerasOptimizerVariables(variables);
  }

  /**
   * Keras 3's path of a weight variable: the model name, then the layer's path to it as in a
   * legacy .h5 file's weight names ({@code sequential/lstm/lstm_cell/kernel}).
   */
  private static String variablePath(Sequential architecture, Weight w, String modelName) {
    Layer layer = architecture.layers().stream()
        .filter(l -> l.name().equals(w.layerName())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Weight " + w.name()
            + " belongs to no layer of the architecture"));
    List<String> path = new ArrayList<>(LegacyH5Writer.variablePath(layer, w));
    path.add(0, modelName);
    return String.join("/", path);
  }

  /**
   * A {@code .keras} file's {@code optimizer} group of model.weights.h5: {@code vars/0},
   * {@code vars/1}, ... in Keras's order, which {@code load_own_variables} reads by position.
   */
  H5Group kerasV3Group() {
    H5Group.Builder vars = H5Group.builder();
    int i = 0;
    for (H5Dataset value : variables.values()) {
      vars.dataset(Integer.toString(i++), value);
    }
    return H5Group.builder().group("vars", vars.build()).build();
  }

  /**
   * A legacy {@code .h5} file's {@code optimizer_weights} group as Keras 3's legacy saving writes
   * it: the datasets at the variables' paths, listed in Keras's order by the {@code
   * weight_names} attribute, which Keras's loader reads and sets by position.
   */
  H5Group legacyGroup() {
    Map<String, Object> tree = new LinkedHashMap<>();
    variables.forEach((path, value) -> LegacyH5Writer.put(tree, List.of(path.split("/")), value));
    return LegacyH5Writer.group(tree)
        .attribute("weight_names", List.copyOf(variables.keySet())).build();
  }
}
