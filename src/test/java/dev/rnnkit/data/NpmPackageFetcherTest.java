package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The npm runner: with stand-in commands, and npm itself for unpacking what it packed (offline). */
class NpmPackageFetcherTest {

  @TempDir Path dir;

  @Test
  void missingNpmSaysToInstallIt() {
    NpmPackageFetcher fetcher =
        new NpmPackageFetcher(List.of("rnnkit-no-such-npm-command"), Duration.ofSeconds(10));
    IOException e = assertThrows(IOException.class, () -> fetcher.fetchTarball("x@1.0.0", dir));
    assertTrue(e.getMessage().contains("Could not start npm (rnnkit-no-such-npm-command)"), e.getMessage());
    assertTrue(e.getMessage().contains("Install npm"), e.getMessage());
  }

  /** "sh -c SCRIPT npm pack SPEC": the script sees pack as $1 and the package as $2. */
  private static NpmPackageFetcher shell(String script) {
    return new NpmPackageFetcher(List.of("sh", "-c", script, "npm"), Duration.ofSeconds(10));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void failingNpmReportsExitCodeAndOutputWithoutStackFrames() {
    String script = "echo \"npm error 404 $2 not found\" >&2;"
        + " echo 'npm error     at request (fetch.js:1:2)' >&2; exit 3";
    IOException e = assertThrows(IOException.class, () -> shell(script).fetchTarball("x@9.9.9", dir));
    assertTrue(e.getMessage().contains("npm pack x@9.9.9 failed with exit code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("npm error 404 x@9.9.9 not found"), e.getMessage());
    assertFalse(e.getMessage().contains("fetch.js"), e.getMessage());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void returnsTheTarballNpmWrote() throws IOException {
    Path tarball = shell("test \"$1\" = pack && echo tgz > x-1.0.0.tgz").fetchTarball("x@1.0.0", dir);
    assertEquals(dir.resolve("x-1.0.0.tgz"), tarball);
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void unpackingRunsNoScriptOfThePackageAndFetchesNothing() throws IOException {
    Path tarball = dir.resolve("x-1.0.0.tgz");
    Path unpack = dir.resolve("unpack");
    // The stand-in records its arguments and makes the folder npm install would make.
    Path unpacked = shell("echo \"$@\" > ../args.txt && mkdir -p node_modules/x")
        .unpackTarball("x", tarball, unpack);

    assertEquals(unpack.resolve("node_modules/x"), unpacked);
    List<String> arguments = List.of(Files.readString(dir.resolve("args.txt")).trim().split(" "));
    assertEquals("install", arguments.get(0));
    assertTrue(arguments.containsAll(List.of("--ignore-scripts", "--offline", "--no-save",
        "--prefix", unpack.toAbsolutePath().toString(), tarball.toAbsolutePath().toString())),
        arguments.toString());
  }

  @Test
  void unpacksWhatNpmPacked() throws IOException {
    Path tarball = NpmTarballs.pack("x", "1.0.0", Map.of("reviews.json", "[]", "docs/a.txt", "a"),
        dir.resolve("packed"));

    Path unpacked = new NpmPackageFetcher().unpackTarball("x", tarball, dir.resolve("unpack"));

    assertEquals("[]", Files.readString(unpacked.resolve("reviews.json")));
    assertEquals("a", Files.readString(unpacked.resolve("docs/a.txt")));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void unpackingThatLeavesNoPackageFolderSaysSo() {
    IOException e = assertThrows(IOException.class,
        () -> shell("echo added 0 packages").unpackTarball("x", dir.resolve("x.tgz"), dir.resolve("u")));
    assertTrue(e.getMessage().contains("npm install of x.tgz ended without error but made no"
        + " folder node_modules/x"), e.getMessage());
    assertTrue(e.getMessage().contains("added 0 packages"), e.getMessage());
  }
}
