package dev.rnnkit.compare;

import dev.rnnkit.model.ArticleModels.Cell;

/**
 * What one model trained with one seed measured on the long-range task at one length.
 *
 * @param trainAccuracy training accuracy of the last epoch (Keras's running average)
 * @param millisPerStep training milliseconds per step, median of the epochs after the first
 */
public record LongRangeRun(
    Cell cell, int length, long seed, double testLoss, double testAccuracy, double trainAccuracy,
    double millisPerStep) {}
