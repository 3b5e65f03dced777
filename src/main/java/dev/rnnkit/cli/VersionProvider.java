package dev.rnnkit.cli;

import picocli.CommandLine;

/** Version from the jar manifest, and TensorFlow's. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"RNNKit " + (version == null ? "(development build)" : version),
        "TensorFlow Java 1.1.0"};
  }
}
