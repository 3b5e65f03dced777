package dev.rnnkit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RNNKit's PNGs say that RNNKit wrote them, so that a later run knows it may replace them. */
class LearningCurvesFileTest {

  @TempDir Path dir;

  private static BufferedImage curves() {
    return LearningCurves.plot("t", Map.of("lstm", Map.of("loss", List.of(0.7, 0.5),
        "val_loss", List.of(0.6, 0.55))));
  }

  @Test
  void aPngRnnkitWroteIsRecognisedAndOthersAreNot() throws Exception {
    Path own = dir.resolve("own.png");
    LearningCurves.writePng(curves(), own);
    assertTrue(LearningCurves.isWrittenByRnnkit(own));
    assertEquals(1120, ImageIO.read(own.toFile()).getWidth(), "still a PNG any viewer reads");

    Path other = dir.resolve("other.png");
    ImageIO.write(curves(), "png", other.toFile());
    assertFalse(LearningCurves.isWrittenByRnnkit(other));
  }

  @Test
  void writingOverALongerFileLeavesNoTail() throws Exception {
    Path fresh = dir.resolve("fresh.png");
    LearningCurves.writePng(curves(), fresh);
    Path reused = Files.write(dir.resolve("reused.png"), new byte[4 * (int) Files.size(fresh)]);
    LearningCurves.writePng(curves(), reused);
    assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(reused));
  }
}
