package dev.rnnkit.report;

import dev.rnnkit.report.ReportDocument.Block;
import java.util.List;
import java.util.regex.Pattern;

/** Renders a {@link ReportDocument} as GitHub-flavoured Markdown; images link to their files. */
public final class MarkdownRenderer {

  /** File names a link destination holds as they are: no spaces, parentheses, <, > or backslash. */
  private static final Pattern PLAIN_DESTINATION = Pattern.compile("[^\\s()<>\\\\]+");

  private MarkdownRenderer() {}

  public static String render(ReportDocument document) {
    StringBuilder out = new StringBuilder("# ").append(document.title()).append("\n\n");
    for (Block block : document.blocks()) {
      // Java 17 has no pattern switch; the blocks are a sealed set, so this chain is complete.
      if (block instanceof ReportDocument.Heading h) {
        out.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
      } else if (block instanceof ReportDocument.Paragraph p) {
        out.append(p.text()).append("\n\n");
      } else if (block instanceof ReportDocument.Bullets b) {
        b.items().forEach(item -> out.append("- ").append(item).append('\n'));
        out.append('\n');
      } else if (block instanceof ReportDocument.Table t) {
        table(out, t);
      } else if (block instanceof ReportDocument.Image i) {
        out.append("![").append(i.caption()).append("](").append(destination(i.fileName()))
            .append(")\n\n");
      }
    }
    return out.toString();
  }

  /** A file name as a link destination: in angle brackets where it has spaces and the like. */
  private static String destination(String fileName) {
    return PLAIN_DESTINATION.matcher(fileName).matches() ? fileName
        : "<" + fileName.replaceAll("([<>\\\\])", "\\\\$1") + ">";
  }

  private static void table(StringBuilder out, ReportDocument.Table table) {
    row(out, table.header());
    out.append('|');
    table.header().forEach(h -> out.append("---|"));
    out.append('\n');
    table.rows().forEach(r -> row(out, r));
    out.append('\n');
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append('|');
    // A pipe inside a cell would end it.
    cells.forEach(c -> out.append(' ').append(c.replace("|", "\\|")).append(" |"));
    out.append('\n');
  }
}
