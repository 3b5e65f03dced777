package dev.rnnkit.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders a {@link ReportDocument} as one self-contained HTML page: the report's Markdown
 * ({@link MarkdownRenderer}) through CommonMark with GitHub's tables (commonmark-java), so the
 * page shows what GitHub shows for the .md file. HTML in the text is shown as text, and links
 * with unsafe schemes are dropped. Each image is inlined as a base64 PNG (so the page can be
 * mailed or opened alone), links to its PNG file next to the page and has its caption below.
 */
public final class HtmlRenderer {

  private static final String STYLE = """
      body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; \
      padding: 0 1rem; line-height: 1.45; color: #222; }
      table { border-collapse: collapse; margin: 1rem 0; }
      th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; }
      th { background: #f3f3f3; }
      code { background: #f3f3f3; padding: 0 0.2rem; }
      figure { margin: 1rem 0; } img { max-width: 100%; }
      """;
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final org.commonmark.renderer.html.HtmlRenderer COMMONMARK =
      org.commonmark.renderer.html.HtmlRenderer.builder().extensions(EXTENSIONS)
          .escapeHtml(true).sanitizeUrls(true).nodeRendererFactory(FigureRenderer::new).build();

  private HtmlRenderer() {}

  public static String render(ReportDocument document) {
    Node markdown = PARSER.parse(MarkdownRenderer.render(document));
    Map<String, ReportDocument.Image> images = new LinkedHashMap<>();
    for (ReportDocument.Block block : document.blocks()) {
      if (block instanceof ReportDocument.Image i) {
        images.put(i.fileName(), i);
      }
    }
    inlineImages(markdown, images);
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + escape(document.title()) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
        + COMMONMARK.render(markdown) + "</body>\n</html>\n";
  }

  /** Turns each paragraph that is one of the report's images alone into a {@link Figure}. */
  private static void inlineImages(Node markdown, Map<String, ReportDocument.Image> images) {
    for (Node node = markdown.getFirstChild(); node != null; ) {
      Node next = node.getNext();
      if (node instanceof Paragraph && node.getFirstChild() instanceof Image image
          && image.getNext() == null && images.containsKey(image.getDestination())) {
        Figure figure = new Figure(images.get(image.getDestination()));
        figure.appendChild(image);
        node.insertBefore(figure);
        node.unlink();
      }
      node = next;
    }
  }

  /** An image of the report, as a block; its one child is the Markdown image, its caption. */
  private static final class Figure extends CustomBlock {
    private final ReportDocument.Image image;

    Figure(ReportDocument.Image image) {
      this.image = image;
    }
  }

  /** The image inline, linking to its file, with the caption and the file name below. */
  private static final class FigureRenderer implements NodeRenderer {
    private final HtmlNodeRendererContext context;

    FigureRenderer(HtmlNodeRendererContext context) {
      this.context = context;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Figure.class);
    }

    @Override
    public void render(Node node) {
      ReportDocument.Image image = ((Figure) node).image;
      String file = image.fileName();
      HtmlWriter html = context.getWriter();
      html.line();
      html.tag("figure");
      html.tag("a", Map.of("href", file));
      Map<String, String> img = new LinkedHashMap<>();
      img.put("src", "data:image/png;base64," + base64Png(image.image()));
      img.put("alt", image.caption());
      html.tag("img", img);
      html.tag("/a");
      html.tag("figcaption");
      Node caption = node.getFirstChild(); // the Markdown image: its children are the caption
      for (Node child = caption.getFirstChild(); child != null; child = child.getNext()) {
        context.render(child);
      }
      html.text(" (");
      html.tag("a", Map.of("href", file));
      html.text(file);
      html.tag("/a");
      html.text(")");
      html.tag("/figcaption");
      html.tag("/figure");
      html.line();
    }
  }

  private static String escape(String text) {
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
