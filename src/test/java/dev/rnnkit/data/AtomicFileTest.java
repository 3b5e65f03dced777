package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @TempDir Path dir;

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
    Path target = Files.writeString(dir.resolve("vocabulary.txt"), "old");
    assertThrows(IOException.class, () -> AtomicFile.write(target, temporary -> {
      Files.writeString(temporary, "half");
      throw new IOException("disk full");
    }));
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void aFullDiskIsReportedWithItsDeviceAndTheTarget() throws IOException {
    Path target = dir.resolve("train.csv");
    DiskFullException e = assertThrows(DiskFullException.class, () ->
        AtomicFile.write(target, temporary -> {
          Files.writeString(temporary, "half");
          throw new IOException("No space left on device");
        }));
    assertEquals("no space left on device " + Files.getFileStore(dir) + " while writing " + target
        + ": free space or choose another --out", e.getMessage());
    assertEquals(List.of(), files());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void finishedFileHasTheUsualPermissionsNotOwnerOnly() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    Path written = dir.resolve("written.txt");
    AtomicFile.write(written, temporary -> Files.writeString(temporary, "x"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
  }
}
