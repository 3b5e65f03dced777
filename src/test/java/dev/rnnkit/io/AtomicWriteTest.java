package dev.rnnkit.io;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and folders are replaced whole or not at all; what a write killed midway leaves is
 * cleared by the next one, and nothing else is.
 */
class AtomicWriteTest {

  @TempDir Path dir;

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private List<String> names() throws IOException {
    return files().stream().map(p -> p.getFileName().toString()).sorted().toList();
  }

  @Test
  void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
    Path target = Files.writeString(dir.resolve("vocabulary.txt"), "old");
    assertThrows(IOException.class, () -> AtomicWrite.file(target, temporary -> {
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
        AtomicWrite.file(target, temporary -> {
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
    AtomicWrite.file(written, temporary -> Files.writeString(temporary, "x"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
  }

  @Test
  void aFileReplacesTheOldOneWhole() throws IOException {
    Path target = Files.writeString(dir.resolve("checkpoint.bin"), "old");
    AtomicWrite.file(target, temporary -> Files.writeString(temporary, "new"));
    assertEquals("new", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void tensorFlowsFullDiskDuringExportIsReportedWithTheModelFolder() throws IOException {
    Path target = dir.resolve("model");
    DiskFullException e = assertThrows(DiskFullException.class, () ->
        AtomicWrite.directory(target, folder -> {
          Files.writeString(folder.resolve("saved_model.pb"), "half");
          // What TF Java throws when the variables' shard cannot be written.
          throw new IllegalStateException(folder + "/variables/variables.data-00000-of-00001"
              + ".tempstate1; No space left on device");
        }));
    assertMentions(e.getMessage(), "no space left on device " + Files.getFileStore(dir),
        "while writing " + target + ": free space or choose another --out");
    assertEquals(List.of(), files(), "no half-written model may remain");
  }

  private Path folderWith(String name, String file, String text) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve(file), text);
    return folder;
  }

  @Test
  void theNextWriteClearsAKilledWritesFoldersAndNothingElse() throws IOException {
    // Look-alikes that are someone else's: another target's, not a UUID, not hidden, a file.
    folderWith(".other.tmp-" + UUID.randomUUID(), "x", "another target's");
    folderWith(".m.tmp-mine", "x", "not a UUID");
    folderWith("m.tmp-" + UUID.randomUUID(), "x", "not hidden");
    Files.writeString(dir.resolve(".m.old-" + UUID.randomUUID()), "a file, not a folder");
    List<String> lookAlikes = names();
    folderWith("m", "saved_model.pb", "old model");
    folderWith(".m.tmp-" + UUID.randomUUID(), "saved_model.pb", "half written");
    folderWith(".m.old-" + UUID.randomUUID(), "saved_model.pb", "killed while deleted");

    AtomicWrite.directory(dir.resolve("m"),
        folder -> Files.writeString(folder.resolve("saved_model.pb"), "new model"));

    List<String> expected = new ArrayList<>(lookAlikes);
    expected.add("m");
    assertEquals(expected.stream().sorted().toList(), names());
    assertEquals("new model", Files.readString(dir.resolve("m/saved_model.pb")));
  }

  @Test
  void aWriteKilledBetweenItsTwoRenamesIsUndone() throws IOException {
    // Killed after the old target was moved aside and before the new one was moved in.
    folderWith(".m.old-" + UUID.randomUUID(), "saved_model.pb", "last complete model");
    folderWith(".m.tmp-" + UUID.randomUUID(), "saved_model.pb", "new, never committed");

    AtomicWrite.removeLeftovers(dir.resolve("m"));

    assertEquals(List.of("m"), names());
    assertEquals("last complete model", Files.readString(dir.resolve("m/saved_model.pb")));
  }

  @Test
  void aKilledFileWritesTemporaryIsClearedAndOnlyThat() throws IOException {
    Path target = Files.writeString(dir.resolve("checkpoint.bin"), "last complete");
    Files.writeString(dir.resolve(".checkpoint.bin.tmp-" + UUID.randomUUID()), "half written");
    List<String> others = List.of(".checkpoint.bin.tmp-mine", ".other.bin.tmp-" + UUID.randomUUID(),
        "checkpoint.bin.tmp-" + UUID.randomUUID());
    for (String name : others) {
      Files.writeString(dir.resolve(name), "not a temporary of this target");
    }

    AtomicWrite.removeLeftovers(target);

    List<String> expected = new ArrayList<>(others);
    expected.add("checkpoint.bin");
    assertEquals(expected.stream().sorted().toList(), names());
    assertEquals("last complete", Files.readString(target));
  }
}
