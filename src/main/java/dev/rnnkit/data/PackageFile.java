package dev.rnnkit.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file inside a published package tarball: the package ({@code name@version}), the SHA-1
 * its registry publishes for the tarball, and the file's path inside the tarball.
 */
public record PackageFile(String packageSpec, String tarballSha1, String entry) {

  private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

  public PackageFile {
    tarballSha1 = tarballSha1.toLowerCase(Locale.ROOT);
    if (!SHA1.matcher(tarballSha1).matches()) {
      throw new IllegalArgumentException("A SHA-1 is 40 hex digits, got '" + tarballSha1 + "'");
    }
  }
}
