package dev.rnnkit.savedmodel;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * A signature of a SavedModel: a named function with typed inputs and outputs.
 *
 * @param key the signature's name ("serving_default")
 * @param methodName what it serves, e.g. "tensorflow/serving/predict"; may be empty
 * @param inputs the inputs by key, sorted as saved_model_cli lists them
 * @param outputs the outputs by key, sorted
 */
public record SignatureSpec(
    String key,
    String methodName,
    SortedMap<String, TensorSpec> inputs,
    SortedMap<String, TensorSpec> outputs) {

  public SignatureSpec {
    inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
  }

  static SignatureSpec fromProto(String key, SignatureDef def) {
    return new SignatureSpec(
        key, def.getMethodName(), specs(def.getInputsMap()), specs(def.getOutputsMap()));
  }

  private static SortedMap<String, TensorSpec> specs(Map<String, TensorInfo> infos) {
    SortedMap<String, TensorSpec> specs = new TreeMap<>();
    infos.forEach((key, info) -> specs.put(key, TensorSpec.fromProto(key, info)));
    return specs;
  }

  /** The input of that key, or an exception that lists the inputs there are. */
  public TensorSpec input(String inputKey) {
    TensorSpec spec = inputs.get(inputKey);
    if (spec == null) {
      throw new SavedModelException(
          "Signature '" + key + "' has no input '" + inputKey + "'. " + inputsListing());
    }
    return spec;
  }

  /** "Its inputs are: a: DT_FLOAT unknown_rank, b: DT_FLOAT unknown_rank", for messages. */
  public String inputsListing() {
    if (inputs.isEmpty()) {
      return "It takes no inputs.";
    }
    return inputs.values().stream()
        .map(TensorSpec::summary)
        .collect(Collectors.joining(", ", "Its inputs are: ", "."));
  }
}
