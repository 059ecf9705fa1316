package dev.walkspec.bench.report;

import java.util.Locale;
import org.openjdk.jmh.util.ListStatistics;

/**
 * A measured quantity: the median of its samples, their mean and the half-width of the mean's 99.9%
 * confidence interval (Student's t, as JMH reports {@code scoreError}; NaN with one sample).
 */
public record Estimate(double median, double mean, double error, long samples) {

  /** From raw samples. */
  public static Estimate of(double... samples) {
    if (samples.length == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    ListStatistics stats = new ListStatistics(samples);
    double error = samples.length > 1 ? stats.getMeanErrorAt(0.999) : Double.NaN;
    return new Estimate(stats.getPercentile(50), stats.getMean(), error, samples.length);
  }

  /** The error relative to the mean (0 when unknown). */
  public double relativeError() {
    if (Double.isNaN(error) || mean == 0) {
      return 0;
    }
    return Math.abs(error / mean);
  }

  /** {@code this / other} on the medians, with the relative errors of both added in quadrature. */
  public Estimate over(Estimate other) {
    double ratio = median / other.median;
    double rel = Math.hypot(relativeError(), other.relativeError());
    boolean known = !Double.isNaN(error) && !Double.isNaN(other.error);
    return new Estimate(
        ratio, ratio, known ? ratio * rel : Double.NaN, Math.min(samples, other.samples));
  }

  /** The same median and mean with an error of {@code relative} times the median. */
  public Estimate withError(double relative) {
    return new Estimate(median, mean, median * relative, samples);
  }

  /** This quantity times {@code factor}. */
  public Estimate times(double factor) {
    return new Estimate(median * factor, mean * factor, error * Math.abs(factor), samples);
  }

  /** "12.3 ± 0.4", with three significant digits. */
  public String text() {
    if (Double.isNaN(median)) {
      return "n/a";
    }
    if (Double.isNaN(error)) {
      return number(median);
    }
    return number(median) + " ± " + number(error);
  }

  /** As {@link #text()} for a ratio: "3.05x ± 0.12". */
  public String ratioText() {
    if (Double.isNaN(median)) {
      return "n/a";
    }
    return number(median) + "x" + (Double.isNaN(error) ? "" : " ± " + number(error));
  }

  /** Three significant digits, no exponent for everyday magnitudes. */
  public static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    double abs = Math.abs(value);
    if (abs >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (abs >= 0.01 || abs == 0) {
      return String.format(Locale.ROOT, "%.3f", value);
    }
    return String.format(Locale.ROOT, "%.2e", value);
  }
}
