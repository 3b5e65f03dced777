package dev.rnnkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a child JVM so that only RNNKit's own output reaches the terminal.
 * TensorFlow reads TF_CPP_MIN_LOG_LEVEL from the process environment when its native library
 * starts, and a JVM cannot change its own environment, so the command runs in a child started
 * with it set; the child's stderr passes through {@link NativeLogFilter}. {@code --verbose}, or
 * TF_CPP_MIN_LOG_LEVEL set by the user, runs the command in this JVM with TensorFlow's lines.
 *
 * <p>Signals: Ctrl-C reaches both processes (one process group); the child saves its checkpoint
 * and this JVM's shutdown hook waits for it. SIGTERM to this JVM is passed on to the child. If
 * this JVM is killed outright, the child sees its stdin (a pipe nobody else holds) close and
 * halts at once, as a killed process would.
 */
final class QuietLauncher {

  /** Set in the child's environment. */
  static final String CHILD_MARKER = "RNNKIT_CHILD";
  /**
   * Set in the child's environment when this JVM runs in a terminal: the child's stdin is a pipe,
   * so it cannot tell by itself (see {@link dev.rnnkit.train.ProgressBar}).
   */
  static final String TERMINAL_MARKER = "RNNKIT_TERMINAL";
  /** The option that keeps TensorFlow's log lines (accepted anywhere on the command line). */
  static final String VERBOSE = "--verbose";

  private static final Set<String> NO_TENSORFLOW = Set.of("-h", "--help", "-V", "--version", "help");
  /** How long the child may take to save a checkpoint after Ctrl-C (GracefulStop waits 120 s). */
  private static final long STOP_WAIT_SECONDS = 150;

  private QuietLauncher() {}

  /**
   * Whether to run {@code args} in a quiet child: not asked for verbose, not help, not chosen by
   * the user, no debugger attached (its breakpoints would be in the idle parent, and the child
   * could not bind the same port), and no argument that reads this process's input.
   */
  static boolean wantsChild(List<String> args, Map<String, String> env, List<String> jvmOptions) {
    return !args.isEmpty() && !args.contains(VERBOSE) && args.stream().noneMatch(NO_TENSORFLOW::contains)
        && !env.containsKey("TF_CPP_MIN_LOG_LEVEL") && !env.containsKey(CHILD_MARKER)
        && jvmOptions.stream().noneMatch(QuietLauncher::isDebugger)
        && args.stream().noneMatch(QuietLauncher::namesThisProcessesInput);
  }

  /**
   * An argument that reads this process's stdin or an open file descriptor ({@code /dev/stdin},
   * a shell's {@code <(...)} as {@code /dev/fd/63}): a child has neither (its stdin is the pipe
   * that tells it its parent is alive), so such a command runs in this JVM.
   */
  private static boolean namesThisProcessesInput(String arg) {
    return arg.contains("/dev/stdin") || arg.contains("/dev/fd/") || arg.contains("/proc/self/fd/");
  }

  private static boolean isDebugger(String jvmOption) {
    return jvmOption.startsWith("-agentlib:jdwp") || jvmOption.startsWith("-Xrunjdwp")
        || jvmOption.startsWith("-Xdebug");
  }

  /** The arguments without {@code --verbose}. */
  static String[] withoutVerbose(String[] args) {
    return java.util.Arrays.stream(args).filter(arg -> !arg.equals(VERBOSE)).toArray(String[]::new);
  }

  /** Runs the command in the child and returns its exit code. */
  static int runInChild(String[] args) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(childCommand(args))
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.PIPE);
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    builder.environment().put(CHILD_MARKER, "1");
    // The JVM options these variables gave this JVM are on the child's command line already.
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    if (System.console() != null) {
      builder.environment().put(TERMINAL_MARKER, "1"); // the child's stdin is a pipe, not the terminal
    }
    Process child = builder.start();
    Thread stopper = new Thread(() -> stop(child), "rnnkit-stop-child");
    Runtime.getRuntime().addShutdownHook(stopper);
    Thread pump = new Thread(() -> pump(child.getErrorStream()), "rnnkit-stderr");
    pump.start();
    int exit = child.waitFor();
    pump.join();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException e) {
      // Shutting down already: the hook sees the child gone and returns.
    }
    return exit;
  }

  /** In the child: halt when the parent's end of stdin closes, i.e. when the parent is gone. */
  static void haltWithParent() {
    Thread watch = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // The parent writes nothing; only the end matters.
        }
      } catch (IOException e) {
        // A broken pipe means the same as its end.
      }
      Runtime.getRuntime().halt(137);
    }, "rnnkit-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }

  private static List<String> childCommand(String[] args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  private static void pump(InputStream childErr) {
    try {
      NativeLogFilter.copy(childErr, System.err);
    } catch (IOException e) {
      System.err.println("(RNNKit could not pass on the command's error output: " + e.getMessage() + ")");
    }
  }

  /** This JVM is shutting down (Ctrl-C, SIGTERM): stop the child the same way and wait for it. */
  private static void stop(Process child) {
    if (!child.isAlive()) {
      return;
    }
    // SIGTERM through the handle: Process.destroy() would also close the child's stdin, which
    // the child reads as its parent gone, and halt before saving.
    child.toHandle().destroy(); // the child's own hook saves a checkpoint
    try {
      if (!child.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        child.toHandle().destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
