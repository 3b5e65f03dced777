package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Package tarballs made for tests by the npm client itself ({@code npm pack} of a local folder),
 * so they have exactly the layout of a published one; no network is involved. Tests that need
 * npm are skipped where it is not installed, but fail under CI ({@code CI=true}), so that CI
 * cannot pass by skipping them.
 */
public final class NpmTarballs {

  private static Boolean npmRuns;

  private NpmTarballs() {}

  /**
   * The tarball of a package {@code name@version} holding {@code files} (paths relative to the
   * package root, beside its package.json), written into the new folder {@code directory}.
   */
  public static Path pack(String name, String version, Map<String, String> files, Path directory)
      throws IOException {
    return packFolder(packageFolder(name, version, files,
        directory.resolveSibling(directory.getFileName() + "-src")), directory);
  }

  /** A package's folder, {@code files} beside its package.json, to change before {@link #packFolder}. */
  public static Path packageFolder(String name, String version, Map<String, String> files,
      Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("package.json"),
        "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"}");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = folder.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return folder;
  }

  /** The tarball of a package's folder, written into the new folder {@code directory}. */
  public static Path packFolder(Path folder, Path directory) throws IOException {
    requireNpm();
    // npm pack of a folder spec packs that folder, as its author's "npm publish" would.
    return new NpmPackageFetcher().fetchTarball(folder.toAbsolutePath().toString(),
        Files.createDirectories(directory));
  }

  /** The SHA-1 of a tarball, as a registry publishes it (npm's "shasum"). */
  public static String sha1(Path tarball) throws IOException {
    return PackageFileCache.sha1(tarball);
  }

  /** Skips the calling test where npm cannot be started, or fails it under CI. */
  public static synchronized void requireNpm() {
    if (npmRuns == null) {
      npmRuns = npmVersionExitsZero();
    }
    if (!npmRuns) {
      String message = "npm could not be started (npm --version); install Node.js, which brings it";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + ". CI=true: CI must run the tests that need npm");
      }
      assumeTrue(false, message + "; skipping");
    }
  }

  private static boolean npmVersionExitsZero() {
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    try {
      Process npm = new ProcessBuilder(windows ? "npm.cmd" : "npm", "--version")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return npm.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
