package dev.rnnkit.cli;

import picocli.CommandLine.Option;

/** How the test data is evaluated after each epoch, in the commands that report it per epoch. */
final class ValidationOptions {

  @Option(names = "--validation-batch-size", paramLabel = "N", defaultValue = "0",
      description = "Sequences per batch of the evaluation after each epoch (Keras's"
          + " validation_batch_size); larger is faster, the metrics do not depend on it beyond"
          + " float rounding. Default: ${DEFAULT-VALUE}, the --batch-size.")
  int validationBatchSize;
}
