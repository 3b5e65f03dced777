package dev.rnnkit.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks (headings, paragraphs, lists, tables, images), written once and
 * rendered as Markdown ({@link MarkdownRenderer}) and HTML ({@link HtmlRenderer}), so the two
 * files always say the same. Text is Markdown (CommonMark) inline text: the reports use {@code
 * `code`} and {@code **bold**}; a tag such as {@code <b>} shows as text in the HTML page. Build
 * with {@link #builder(String)}.
 */
public record ReportDocument(String title, List<Block> blocks) {

  public ReportDocument {
    blocks = List.copyOf(blocks);
  }

  /** One block of a report. */
  public sealed interface Block permits Heading, Paragraph, Bullets, Table, Image {}

  /** A section heading; level 2 is a section, 3 a subsection (the title is level 1). */
  public record Heading(int level, String text) implements Block {}

  public record Paragraph(String text) implements Block {}

  public record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  /** A table; every row has as many cells as the header. */
  public record Table(List<String> header, List<List<String>> rows) implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException("A table row has " + row.size() + " cells but the"
              + " header has " + header.size() + ": " + row);
        }
      }
    }
  }

  /** A PNG image, written next to the report as {@code fileName}. */
  public record Image(String fileName, String caption, BufferedImage image) implements Block {}

  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Adds blocks in reading order. */
  public static final class Builder {
    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    private Builder(String title) {
      this.title = title;
    }

    public Builder section(String text) {
      blocks.add(new Heading(2, text));
      return this;
    }

    public Builder subsection(String text) {
      blocks.add(new Heading(3, text));
      return this;
    }

    public Builder paragraph(String text) {
      blocks.add(new Paragraph(text));
      return this;
    }

    public Builder bullets(List<String> items) {
      blocks.add(new Bullets(items));
      return this;
    }

    public Builder table(List<String> header, List<List<String>> rows) {
      blocks.add(new Table(header, rows));
      return this;
    }

    public Builder image(String fileName, String caption, BufferedImage image) {
      blocks.add(new Image(fileName, caption, image));
      return this;
    }

    public ReportDocument build() {
      return new ReportDocument(title, blocks);
    }
  }
}
