package dev.rnnkit.cli;

import dev.rnnkit.data.SplitPolicy;
import picocli.CommandLine;

/** Parses {@code --split}. */
final class SplitConverter implements CommandLine.ITypeConverter<SplitPolicy> {
  @Override
  public SplitPolicy convert(String value) {
    try {
      return SplitPolicy.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
