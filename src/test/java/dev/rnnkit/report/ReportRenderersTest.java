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
    String spaced = MarkdownRenderer.render(ReportDocument.builder("t")
        .image("a (1) <b>.png", "c", new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)).build());
    assertTrue(spaced.contains("![c](<a (1) \\<b\\>.png>)"), spaced);
  }

  @Test
  void htmlEscapesTextInlinesImagesAndLinksTheirFiles() {
    String html = HtmlRenderer.render(sample());
    assertTrue(html.contains("<h1>A &lt;title&gt;</h1>"), html);
    assertTrue(html.contains("<p>Uses <code>code</code> and <strong>bold</strong> &amp;"
        + " &lt;tags&gt;.</p>"), html);
    assertTrue(html.contains("<a href=\"plot.png\"><img src=\"data:image/png;base64,iVBOR"), html);
    assertTrue(html.trim().endsWith("</html>"), html);
  }

  @Test
  void htmlTablesAreGitHubTablesWithEscapedPipesKept() {
    String html = HtmlRenderer.render(sample());
    assertTrue(html.contains("<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b|c</th>\n</tr>\n</thead>\n"
        + "<tbody>\n<tr>\n<td>1</td>\n<td>x|y</td>\n</tr>\n</tbody>\n</table>\n"), html);
  }

  @Test
  void htmlFiguresCarryTheirCaptionsMarksAndDropUnsafeLinks() {
    String html = HtmlRenderer.render(ReportDocument.builder("t")
        .paragraph("[click](javascript:alert(1)) and [docs](https://example.org/a_b)")
        .image("loss curve.png", "Loss of `lstm` <per> epoch",
            new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB))
        .build());
    assertTrue(html.contains("<a rel=\"nofollow\" href=\"\">click</a> and"
        + " <a rel=\"nofollow\" href=\"https://example.org/a_b\">docs</a>"), html);
    assertTrue(html.contains("<figure><a href=\"loss curve.png\"><img src=\"data:image/png;base64,"),
        html);
    assertTrue(html.contains("\" alt=\"Loss of `lstm` &lt;per&gt; epoch\"></a><figcaption>Loss of"
        + " <code>lstm</code> &lt;per&gt; epoch (<a href=\"loss curve.png\">loss curve.png</a>)"
        + "</figcaption></figure>"), html);
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
