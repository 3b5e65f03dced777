package dev.rnnkit.cli;

import picocli.CommandLine.Option;

/**
 * The budget of every command that trains: epochs, batch size and seed. A command with other
 * defaults (compare) gives them through its default provider.
 */
final class TrainingOptions {

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
      description = "Epochs over the training data. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
      description = "Sequences per training step. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
      description = "Seed of the data (its split, or its generation), the initial weights and"
          + " the shuffling. Default: ${DEFAULT-VALUE}.")
  long seed;
}
