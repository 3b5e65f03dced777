package dev.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Gets the tarball of a published package. {@link NpmPackageFetcher} asks the npm client; tests
 * give a fetcher that writes a local file, so that they never reach a network.
 */
@FunctionalInterface
public interface PackageFetcher {

  /**
   * Puts the tarball of {@code packageSpec} (name@version) into the empty {@code directory} and
   * returns its path. The message of a failure says what to install or fix.
   */
  Path fetchTarball(String packageSpec, Path directory) throws IOException;
}
