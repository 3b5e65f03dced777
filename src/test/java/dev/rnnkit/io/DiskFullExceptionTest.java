package dev.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk is simulated by the exceptions the JDK and TensorFlow throw then. */
class DiskFullExceptionTest {

  @TempDir Path dir;

  private String expectedMessage(Path target) throws IOException {
    return "no space left on device " + Files.getFileStore(dir) + " while writing "
        + target.toAbsolutePath() + ": free space or choose another --out";
  }

  @Test
  void theJdksNoSpaceNamesTheDeviceThePathAndTheFix() throws IOException {
    Path target = dir.resolve("out/lstm/model"); // not there yet: its device is dir's
    IOException jdk = new IOException("No space left on device");
    DiskFullException e = DiskFullException.of(jdk, target).orElseThrow();
    assertEquals(expectedMessage(target), e.getMessage());
    assertSame(jdk, e.getCause());
  }

  @Test
  void theCauseMaySayItAnywhereInTheChain() {
    Path target = dir.resolve("model");
    var wrapped = new UncheckedIOException("Could not write checkpoint",
        new FileSystemException("/x/.checkpoint.tmp", null, "No space left on device"));
    assertTrue(DiskFullException.of(wrapped, target).isPresent());
    var tensorFlow = new IllegalStateException(
        "model/variables/variables.data-00000-of-00001.tempstate1; No space left on device");
    assertTrue(DiskFullException.of(tensorFlow, target).isPresent());
  }

  @Test
  void otherFailuresAreNotADiskFull() {
    Path target = dir.resolve("model");
    assertTrue(DiskFullException.of(new IOException("Permission denied"), target).isEmpty());
    assertTrue(DiskFullException.of(new IOException(), target).isEmpty());
  }

  @Test
  void oneAlreadyInTheChainIsKeptForItsCloserPath() {
    DiskFullException inner =
        DiskFullException.of(new IOException("No space left on device"), dir.resolve("a")).get();
    assertSame(inner,
        DiskFullException.of(new UncheckedIOException(inner), dir.resolve("b")).orElseThrow());
  }
}
