package dev.rnnkit.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time in a folder: a second would clear the first one's temporaries. */
class RunFolderTest {

  @TempDir Path tmp;

  @Test
  void aSecondRunInTheSameFolderIsRefusedUntilTheFirstEnds() throws IOException {
    Path out = tmp.resolve("run");
    RunOutput.Policy policy = new RunOutput.Policy(false, false);
    try (RunFolder first = RunFolder.claim(out, policy)) {
      // What a running fit leaves while it writes its checkpoint: the second claim must not touch it.
      Path writing = Files.writeString(out.resolve("checkpoint.bin123.tmp"), "being written");
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> RunFolder.claim(out, policy));
      assertTrue(refused.getMessage().startsWith("Another RNNKit run is using " + out)
          && refused.getMessage().endsWith("wait for it to finish, or choose another --out"),
          refused.getMessage());
      assertTrue(Files.exists(writing), "the running fit's temporary file is untouched");
      Files.delete(writing);
    }
    try (RunFolder again = RunFolder.claim(out, policy)) {
      assertTrue(Files.isDirectory(again.dir()));
    }
  }
}
