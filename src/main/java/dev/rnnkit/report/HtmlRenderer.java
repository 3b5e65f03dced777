package dev.rnnkit.report;

import dev.rnnkit.report.ReportDocument.Block;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Renders a {@link ReportDocument} as one self-contained HTML page: each image is inlined as a
 * base64 PNG (so the page can be mailed or opened alone) and links to its PNG file next to the
 * page.
 */
public final class HtmlRenderer {

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
  private static final String STYLE = """
      body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; \
      padding: 0 1rem; line-height: 1.45; color: #222; }
      table { border-collapse: collapse; margin: 1rem 0; }
      th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; }
      th { background: #f3f3f3; }
      code { background: #f3f3f3; padding: 0 0.2rem; }
      figure { margin: 1rem 0; } img { max-width: 100%; }
      """;

  private HtmlRenderer() {}

  public static String render(ReportDocument document) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(document.title())).append("</title>\n<style>\n").append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>").append(inline(document.title()))
        .append("</h1>\n");
    for (Block block : document.blocks()) {
      // Java 17 has no pattern switch; the blocks are a sealed set, so this chain is complete.
      if (block instanceof ReportDocument.Heading h) {
        out.append("<h").append(h.level()).append('>').append(inline(h.text()))
            .append("</h").append(h.level()).append(">\n");
      } else if (block instanceof ReportDocument.Paragraph p) {
        out.append("<p>").append(inline(p.text())).append("</p>\n");
      } else if (block instanceof ReportDocument.Bullets b) {
        out.append("<ul>\n");
        b.items().forEach(item -> out.append("<li>").append(inline(item)).append("</li>\n"));
        out.append("</ul>\n");
      } else if (block instanceof ReportDocument.Table t) {
        table(out, t);
      } else if (block instanceof ReportDocument.Image i) {
        figure(out, i);
      }
    }
    return out.append("</body>\n</html>\n").toString();
  }

  /** The image inline, linking to its file, with the caption and the file name below. */
  private static void figure(StringBuilder out, ReportDocument.Image image) {
    String file = escape(image.fileName());
    out.append("<figure><a href=\"").append(file).append("\"><img src=\"data:image/png;base64,")
        .append(base64Png(image.image())).append("\" alt=\"").append(escape(image.caption()))
        .append("\"></a><figcaption>").append(inline(image.caption())).append(" (<a href=\"")
        .append(file).append("\">").append(file).append("</a>)</figcaption></figure>\n");
  }

  private static void table(StringBuilder out, ReportDocument.Table table) {
    out.append("<table>\n<thead>");
    cells(out, "th", table.header());
    out.append("</thead>\n<tbody>\n");
    table.rows().forEach(row -> cells(out, "td", row));
    out.append("</tbody>\n</table>\n");
  }

  private static void cells(StringBuilder out, String tag, List<String> cells) {
    out.append("<tr>");
    cells.forEach(c -> out.append('<').append(tag).append('>').append(inline(c))
        .append("</").append(tag).append('>'));
    out.append("</tr>\n");
  }

  /** Escapes the text, then turns the two inline marks into tags. */
  static String inline(String text) {
    String html = escape(text);
    html = CODE.matcher(html).replaceAll(m -> "<code>" + Matcher.quoteReplacement(m.group(1)) + "</code>");
    return BOLD.matcher(html).replaceAll(m -> "<strong>" + Matcher.quoteReplacement(m.group(1)) + "</strong>");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String base64Png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IOException("No PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode an image as PNG: " + e.getMessage(), e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
