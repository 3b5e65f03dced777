package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The npm runner with stand-in commands: npm itself is never started here. */
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
}
