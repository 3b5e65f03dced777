package dev.rnnkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.ArticleModels.Cell;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from a result with chosen figures: every number comes from the result. */
class ComparisonReportTest {

  @Test
  void reportShowsTheResultsFigures(@TempDir Path dir) throws Exception {
    ComparisonResult r = FakeResults.withSeeds(2, 25, 50)
        .accuracy(Cell.LSTM, 0.8123, 0.8456).accuracy(Cell.GRU, 0.7011, 0.7322)
        .longRange(Cell.LSTM, 50, 0.9871, 0.9912)
        .build();
    r.writeReport(dir);
    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(md.contains("| LSTM | 0.8290 ± 0.0235 [0.8123, 0.8456] |"), md);
    assertTrue(md.contains("0.7011, 0.7322"), md);
    assertTrue(md.contains("| 50 | 0.989 ± 0.003 [0.987, 0.991] |"), md);
    assertTrue(md.contains("fake data"), md);
    Map<String, BufferedImage> plots = r.plots();
    assertEquals(List.of("learning-curves", "test-accuracy", "cost", "long-range"),
        List.copyOf(plots.keySet()));
    for (String name : plots.keySet()) {
      assertNotNull(ImageIO.read(dir.resolve(name + ".png").toFile()), name);
    }
  }

  @Test
  void withoutLongRangeThereIsNoLongRangeSection(@TempDir Path dir) throws Exception {
    ComparisonResult r = FakeResults.withSeeds(2).build();
    r.writeReport(dir);
    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(!md.contains("## Long-range dependency"), md);
    assertTrue(md.contains("LSTM holds long-range dependencies better than GRU: **not tested**"), md);
    assertTrue(!Files.exists(dir.resolve("long-range.png")));
  }

  @Test
  void meanCurvesAverageTheSeeds() {
    ComparisonResult r = FakeResults.withSeeds(2).build();
    List<Double> loss = r.meanCurve(Cell.GRU, "loss");
    double first = (r.runsOf(Cell.GRU).get(0).history().get("loss").get(0)
        + r.runsOf(Cell.GRU).get(1).history().get("loss").get(0)) / 2;
    assertEquals(first, loss.get(0), 1e-12);
    assertEquals(r.config().epochs(), loss.size());
  }
}
