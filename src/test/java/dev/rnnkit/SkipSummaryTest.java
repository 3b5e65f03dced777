package dev.rnnkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;

class SkipSummaryTest {

  @Test
  void skippedAndAbortedTestsAreCountedByWhatTheyNeed() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SkipSummary summary = new SkipSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    summary.executionFinished(test("a"), TestExecutionResult.aborted(
        new TestAbortedException("Assumption failed: needs ../shared/fixtures (...): /x/lstm is absent")));
    summary.executionFinished(test("b"), TestExecutionResult.aborted(
        new TestAbortedException("needs ../shared/fixtures (...): /x/gru is absent")));
    summary.executionSkipped(test("c"), "opt-in, downloads IMDB with npm: set RNNKIT_IMDB_TEST=1");
    summary.executionFinished(test("d"), TestExecutionResult.successful());
    summary.testPlanExecutionFinished(null);

    assertEquals(String.join(System.lineSeparator(), "", "Skipped 3 tests, by reason:",
        "     2  needs ../shared/fixtures (...)", "     1  opt-in, downloads IMDB with npm", "", ""),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void nothingIsPrintedWhenNothingWasSkipped() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SkipSummary summary = new SkipSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    summary.executionFinished(test("a"), TestExecutionResult.successful());
    summary.testPlanExecutionFinished(null);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }

  private static TestIdentifier test(String name) {
    UniqueId id = UniqueId.forEngine("test").append("test", name);
    return TestIdentifier.from(new AbstractTestDescriptor(id, name) {
      @Override
      public Type getType() {
        return Type.TEST;
      }
    });
  }
}
