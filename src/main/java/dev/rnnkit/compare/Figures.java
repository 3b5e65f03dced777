package dev.rnnkit.compare;

import java.util.Locale;

/** How the report writes numbers: fixed locale, so reports read the same everywhere. */
public final class Figures {

  private static final double MIB = 1024.0 * 1024.0;

  private Figures() {}

  /** {@code 1,234.57}: thousands grouped, so large counts such as FLOPs stay readable. */
  public static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** {@code 677,249}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** {@code 0.9871 ± 0.0043 [0.9820, 0.9910]}: mean ± std [min, max]. */
  public static String spread(Spread s, int decimals) {
    if (s.count() == 1) {
      return number(s.mean(), decimals) + " (1 seed)";
    }
    return number(s.mean(), decimals) + " ± " + number(s.std(), decimals) + " ["
        + number(s.min(), decimals) + ", " + number(s.max(), decimals) + "]";
  }

  /** The change from {@code reference} to {@code value} in percent, signed: {@code -12.3%}. */
  public static String percentChange(double value, double reference) {
    return String.format(Locale.ROOT, "%+.1f%%", 100 * (value - reference) / reference);
  }

  public static double mebibytes(double bytes) {
    return bytes / MIB;
  }
}
