package dev.rnnkit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRenderersTest {

  private static ReportDocument sample() {
    return ReportDocument.builder("A <title>")
        .section("Section")
        .paragraph("Uses `code` and **bold** & <tags>.")
        .bullets(List.of("one", "two"))
        .table(List.of("a", "b|c"), List.of(List.of("1", "x|y")))
        .image("plot.png", "A plot", new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB))
        .build();
  }

  @Test
  void markdownHasHeadingsTablesAndImageLinks() {
    String md = MarkdownRenderer.render(sample());
    assertTrue(md.startsWith("# A <title>\n\n## Section\n\n"), md);
    assertTrue(md.contains("- one\n- two\n"), md);
    assertTrue(md.contains("| a | b\\|c |\n|---|---|\n| 1 | x\\|y |\n"), md);
    assertTrue(md.contains("![A plot](plot.png)"), md);
  }

  @Test
  void htmlEscapesTextInlinesImagesAndLinksTheirFiles() {
    String html = HtmlRenderer.render(sample());
    assertTrue(html.contains("<h1>A &lt;title&gt;</h1>"), html);
    assertTrue(html.contains("<p>Uses <code>code</code> and <strong>bold</strong> &amp;"
        + " &lt;tags&gt;.</p>"), html);
    assertTrue(html.contains("<tr><td>1</td><td>x|y</td></tr>"), html);
    assertTrue(html.contains("<a href=\"plot.png\"><img src=\"data:image/png;base64,iVBOR"), html);
    assertTrue(html.trim().endsWith("</html>"), html);
  }

  @Test
  void tableRowsMustMatchTheHeader() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReportDocument.builder("t").table(List.of("a", "b"), List.of(List.of("1"))));
    assertTrue(e.getMessage().contains("1 cells but the header has 2"), e.getMessage());
  }

  @Test
  void imagesSideBySide() {
    BufferedImage combined = Images.sideBySide(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB),
        new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB));
    assertEquals(8, combined.getWidth());
    assertEquals(4, combined.getHeight());
  }
}
