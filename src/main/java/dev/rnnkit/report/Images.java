package dev.rnnkit.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Small helpers for composing chart images. */
public final class Images {

  private Images() {}

  /** The images left to right on a white background, as tall as the tallest. */
  public static BufferedImage sideBySide(BufferedImage... images) {
    int width = 0;
    int height = 0;
    for (BufferedImage image : images) {
      width += image.getWidth();
      height = Math.max(height, image.getHeight());
    }
    BufferedImage combined = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = combined.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int x = 0;
    for (BufferedImage image : images) {
      g.drawImage(image, x, 0, null);
      x += image.getWidth();
    }
    g.dispose();
    return combined;
  }
}
