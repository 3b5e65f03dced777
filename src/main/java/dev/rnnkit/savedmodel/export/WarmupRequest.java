package dev.rnnkit.savedmodel.export;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.proto.TensorProto;

/**
 * One warm-up request of a TF Serving export: a {@code PredictRequest} for a model and one of its
 * signatures, with a tensor for each of the signature's input keys.
 *
 * @param modelName the servable's name ({@code model_spec.name})
 * @param signature the signature it calls ({@code model_spec.signature_name})
 * @param inputs the request's inputs by key, sorted
 */
public record WarmupRequest(String modelName, String signature,
    SortedMap<String, TensorProto> inputs) {

  public WarmupRequest {
    inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
  }
}
