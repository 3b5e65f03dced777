package dev.rnnkit.cli;

import dev.rnnkit.model.ArticleModels;
import picocli.CommandLine;

/** Parses {@code --arch}. */
final class CellConverter implements CommandLine.ITypeConverter<ArticleModels.Cell> {
  @Override
  public ArticleModels.Cell convert(String value) {
    try {
      return ArticleModels.Cell.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
