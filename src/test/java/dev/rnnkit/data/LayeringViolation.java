package dev.rnnkit.data;

import dev.rnnkit.report.ReportDocument;

/**
 * Not a test: a class in a library package that uses the application, which ArchitectureTest
 * shows its layering rule rejects. Test classes are outside that rule's scope, so this one
 * breaks nothing; nothing calls it.
 */
public final class LayeringViolation {

  private LayeringViolation() {}

  static String title(ReportDocument report) {
    return report.title();
  }
}
