package dev.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Gets the tarball of a published package, and unpacks it once it has passed its checks. {@link
 * NpmPackageFetcher} asks the npm client for both; tests give a fetcher that writes a local
 * tarball, so that they never reach a network, and keep npm's unpacking.
 */
@FunctionalInterface
public interface PackageFetcher {

  /**
   * Puts the tarball of {@code packageSpec} (name@version) into the empty {@code directory} and
   * returns its path. The message of a failure says what to install or fix.
   */
  Path fetchTarball(String packageSpec, Path directory) throws IOException;

  /**
   * Unpacks {@code tarball}, the package {@code packageName}, under the empty {@code directory}
   * and returns the folder that holds the package's files: what the tarball holds under its top
   * folder ({@code package/} in npm's tarballs). By default the npm client on the PATH does it,
   * as {@link NpmPackageFetcher#unpackTarball} says.
   */
  default Path unpackTarball(String packageName, Path tarball, Path directory) throws IOException {
    return new NpmPackageFetcher().unpackTarball(packageName, tarball, directory);
  }
}
