package dev.rnnkit.savedmodel;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.data.DiskFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
