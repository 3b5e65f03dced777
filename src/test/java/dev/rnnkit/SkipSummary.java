package dev.rnnkit;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a test run why tests were skipped, grouped by reason: Maven's summary only
 * counts them, and a user's clone skips the tests that need {@code ../shared/fixtures} and the
 * opt-in IMDB tests. Registered for every run through {@code META-INF/services}.
 */
public final class SkipSummary implements TestExecutionListener {

  private final Map<String, Integer> reasons = new TreeMap<>();
  private final PrintStream out;
  private TestPlan plan;

  public SkipSummary() {
    this(System.out);
  }

  SkipSummary(PrintStream out) {
    this.out = out;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  /** A skipped test, or a skipped class: then each of its tests counts. */
  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    long tests = test.isTest() ? 1 : plan == null ? 0
        : plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count();
    if (tests > 0) {
      reasons.merge(groupOf(reason), (int) tests, Integer::sum);
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED && test.isTest()) {
      reasons.merge(groupOf(result.getThrowable().map(Throwable::getMessage).orElse(null)), 1,
          Integer::sum);
    }
  }

  /**
   * The reason up to its first colon (what the skipped tests need, without their details),
   * without JUnit's own words around it.
   */
  static String groupOf(String reason) {
    String text = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
    text = text.replaceFirst("^Assumption failed: ", "");
    int custom = text.indexOf(" ==> "); // a condition's own words, then the test's disabledReason
    text = custom >= 0 ? text.substring(custom + 5) : text;
    int colon = text.indexOf(':');
    return colon > 0 ? text.substring(0, colon) : text;
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (reasons.isEmpty()) {
      return;
    }
    int total = reasons.values().stream().mapToInt(Integer::intValue).sum();
    out.println();
    out.println("Skipped " + total + (total == 1 ? " test" : " tests") + ", by reason:");
    reasons.forEach((reason, count) -> out.printf("  %4d  %s%n", count, reason));
    out.println();
  }
}
