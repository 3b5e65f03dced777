package dev.rnnkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Passes a child's stderr on, less TensorFlow's native log lines. With TF_CPP_MIN_LOG_LEVEL=3
 * TensorFlow's own logging stays quiet, but lines written through Abseil's logging ignore that
 * variable ("WARNING: All log messages before absl::InitializeLog() ...", "I0000 ...
 * mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled"). Fatal lines
 * (F) are kept: they explain a crash.
 */
final class NativeLogFilter {

  /** TensorFlow's format: {@code 2026-12-07 15:44:21.601144: I tensorflow/...cc:153] ...}. */
  private static final Pattern TENSORFLOW_LINE =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IWE] \\S+:\\d+\\] .*");

  /** Abseil's format: {@code I0000 00:00:1796657375.221510    5808 file.cc:401] ...}. */
  private static final Pattern ABSEIL_LINE =
      Pattern.compile("^[IWE]\\d{4} \\d\\d:\\d\\d:[\\d.]+\\s+\\d+ \\S+:\\d+\\] .*");

  private static final String ABSEIL_PREAMBLE =
      "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";

  /** The second line of TensorFlow's CPU-feature notice. */
  private static final String CPU_NOTICE_CONTINUATION = "To enable the following instructions:";

  private NativeLogFilter() {}

  /** Whether a line (without its line break) is a native log line; {@code afterLogLine} if the line before was one. */
  static boolean isNativeLog(String line, boolean afterLogLine) {
    String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    return TENSORFLOW_LINE.matcher(text).matches() || ABSEIL_LINE.matcher(text).matches()
        || text.equals(ABSEIL_PREAMBLE)
        || (afterLogLine && text.startsWith(CPU_NOTICE_CONTINUATION));
  }

  /**
   * Copies {@code in} to {@code out} line by line until {@code in} ends, leaving out native log
   * lines; other bytes pass unchanged, a last line without a line break included.
   */
  static void copy(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean afterLogLine = false;
    for (int b = in.read(); b >= 0; b = in.read()) {
      line.write(b);
      if (b == '\n') {
        afterLogLine = emit(line, out, afterLogLine);
      }
    }
    if (line.size() > 0) {
      emit(line, out, afterLogLine);
    }
    out.flush();
  }

  /** Writes the line unless it is a log line; returns whether it was one. */
  private static boolean emit(ByteArrayOutputStream line, OutputStream out, boolean afterLogLine)
      throws IOException {
    String text = line.toString(StandardCharsets.UTF_8);
    String withoutBreak = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    boolean log = isNativeLog(withoutBreak, afterLogLine);
    if (!log) {
      line.writeTo(out);
      out.flush();
    }
    line.reset();
    return log;
  }
}
