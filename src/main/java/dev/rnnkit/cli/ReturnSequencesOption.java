package dev.rnnkit.cli;

import picocli.CommandLine.Option;

/** Whether the article's models give an output per time step, as printed, or one per sequence. */
final class ReturnSequencesOption {

  @Option(names = "--return-sequences", paramLabel = "true|false", defaultValue = "true",
      arity = "1",
      description = "true: the article's graph, an output per time step ([batch, 50, 1]); false:"
          + " many-to-one. Default: ${DEFAULT-VALUE}.")
  boolean returnSequences;
}
