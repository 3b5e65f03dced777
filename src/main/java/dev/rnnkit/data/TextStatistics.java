package dev.rnnkit.data;

import java.util.Arrays;
import java.util.Collection;

/**
 * Lengths of texts in words (as {@link WordTokenizer} splits them), against a sequence length:
 * what the dataset card reports and what tells how much {@code maxLength} cuts off.
 *
 * @param texts number of texts
 * @param meanWords mean number of words per text
 * @param medianWords median number of words per text
 * @param maxLength the sequence length compared against
 * @param fractionLongerThanMaxLength share of texts with more than {@code maxLength} words
 * @param fractionTruncated share of texts whose id sequence (start id plus one id per word) is
 *     longer than {@code maxLength}, i.e. loses its beginning to pre-truncation
 */
public record TextStatistics(
    int texts,
    double meanWords,
    double medianWords,
    int maxLength,
    double fractionLongerThanMaxLength,
    double fractionTruncated) {

  public static TextStatistics of(Collection<String> texts, int maxLength) {
    int[] lengths = texts.stream().mapToInt(t -> WordTokenizer.words(t).size()).sorted().toArray();
    int n = lengths.length;
    if (n == 0) {
      return new TextStatistics(0, 0, 0, maxLength, 0, 0);
    }
    double median = n % 2 == 1 ? lengths[n / 2] : (lengths[n / 2 - 1] + lengths[n / 2]) / 2.0;
    long longer = Arrays.stream(lengths).filter(words -> words > maxLength).count();
    long truncated = Arrays.stream(lengths).filter(words -> words + 1 > maxLength).count();
    return new TextStatistics(n, Arrays.stream(lengths).average().orElse(0), median, maxLength,
        (double) longer / n, (double) truncated / n);
  }
}
