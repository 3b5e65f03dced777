package dev.rnnkit.model;

/**
 * The keys of a model's {@code serving_default} signature. A client written for a model (a TF
 * Serving request, a Python caller) names these keys, so they must not change on the way
 * through RNNKit; {@code rnnkit.json} records them and a fine-tuned model keeps them.
 *
 * <ul>
 *   <li>{@link #rnnkit}: RNNKit's own token models take {@code token_ids} and return
 *       {@code probabilities} (a sequence output's last step, with every step's in
 *       {@code step_probabilities}); its float-input models take Keras's names, as below;
 *   <li>{@link #keras}: a model imported from Keras keeps tf.keras's names: the Input layer's
 *       name in, the output layer's name out, the output exactly as Keras's model returns it
 *       (every step's, for a sequence output).
 * </ul>
 *
 * @param input the input key
 * @param output the output key
 * @param lastStep whether a sequence output is served as its last step under {@code output}
 *     and in full under {@code step_} + output (RNNKit's token models), or in full under
 *     {@code output} (Keras's rule)
 */
public record ServingKeys(String input, String output, boolean lastStep) {

  /** The input key of RNNKit's own token models. */
  public static final String TOKEN_IDS = "token_ids";

  /** Keys for a model built and trained with RNNKit. */
  public static ServingKeys rnnkit(Sequential architecture) {
    if (architecture.input().isTokens()) {
      return new ServingKeys(TOKEN_IDS,
          architecture.hasSigmoidOutput() ? "probabilities" : "outputs", true);
    }
    return keras(architecture);
  }

  /** tf.keras's keys: the Input layer's name in, the output layer's name out. */
  public static ServingKeys keras(Sequential architecture) {
    String output = architecture.layers().isEmpty() ? architecture.input().name()
        : architecture.layers().get(architecture.layers().size() - 1).name();
    return new ServingKeys(architecture.input().name(), output, false);
  }
}
