package dev.rnnkit.compare;

import java.util.Arrays;
import java.util.Collection;

/**
 * One figure over several seeds: how many values, their mean, sample standard deviation (n - 1
 * in the denominator; 0 for a single value, which has no spread to speak of), minimum and
 * maximum.
 */
public record Spread(int count, double mean, double std, double min, double max) {

  /** The spread of {@code values}; needs at least one value, all finite. */
  public static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("A spread needs at least one value");
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("A spread needs finite values, got " + Arrays.toString(values));
      }
    }
    double mean = Arrays.stream(values).sum() / values.length;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
    double min = Arrays.stream(values).min().orElseThrow();
    double max = Arrays.stream(values).max().orElseThrow();
    return new Spread(values.length, mean, std, min, max);
  }

  public static Spread of(Collection<Double> values) {
    return of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Sample variance, {@code std²}. */
  public double variance() {
    return std * std;
  }

  /** Standard error of the mean, {@code std / sqrt(n)}. */
  public double standardError() {
    return std / Math.sqrt(count);
  }
}
