package dev.rnnkit.savedmodel;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.data.DiskFullException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a write that was killed midway leaves, and how the next write to that target clears it. */
class AtomicDirectoryTest {

  @TempDir Path dir;

  @Test
  void tensorFlowsFullDiskDuringExportIsReportedWithTheModelFolder() throws IOException {
    Path target = dir.resolve("model");
    DiskFullException e = assertThrows(DiskFullException.class, () ->
        AtomicDirectory.write(target, false, folder -> {
          Files.writeString(folder.resolve("saved_model.pb"), "half");
          // What TF Java throws when the variables' shard cannot be written.
          throw new IllegalStateException(folder + "/variables/variables.data-00000-of-00001"
              + ".tempstate1; No space left on device");
        }));
    assertMentions(e.getMessage(), "no space left on device " + Files.getFileStore(dir),
        "while writing " + target + ": free space or choose another --out");
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "no half-written model may remain");
    }
  }

  private Path folderWith(String name, String file, String text) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve(file), text);
    return folder;
  }

  private List<String> names() throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
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

    AtomicDirectory.write(dir.resolve("m"), true,
        folder -> Files.writeString(folder.resolve("saved_model.pb"), "new model"));

    List<String> expected = new java.util.ArrayList<>(lookAlikes);
    expected.add("m");
    assertEquals(expected.stream().sorted().toList(), names());
    assertEquals("new model", Files.readString(dir.resolve("m/saved_model.pb")));
  }

  @Test
  void aWriteKilledBetweenItsTwoRenamesIsUndone() throws IOException {
    // Killed after the old target was moved aside and before the new one was moved in.
    folderWith(".m.old-" + UUID.randomUUID(), "saved_model.pb", "last complete model");
    folderWith(".m.tmp-" + UUID.randomUUID(), "saved_model.pb", "new, never committed");

    assertThrows(FileAlreadyExistsException.class, () -> AtomicDirectory.write(dir.resolve("m"),
        false, folder -> Files.writeString(folder.resolve("saved_model.pb"), "another")));

    assertEquals(List.of("m"), names());
    assertEquals("last complete model", Files.readString(dir.resolve("m/saved_model.pb")));
  }
}
