package dev.rnnkit.cli;

import dev.rnnkit.data.VectorizerConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --max-length}: a positive number of ids, or {@code none} (Keras's maxlen=None). */
final class MaxLengthConverter implements ITypeConverter<Integer> {

  @Override
  public Integer convert(String value) {
    if (value.equalsIgnoreCase("none")) {
      return VectorizerConfig.NO_MAX_LENGTH;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new TypeConversionException("'" + value + "' is not a length: give a positive number"
        + " of ids, or none to keep every text at its own length");
  }
}
