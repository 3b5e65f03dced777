package dev.rnnkit.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** comparison.md is recognised as RNNKit's by its heading, so a later run may replace it. */
class ExamplesTableTest {

  @Test
  void theDocumentItWritesIsRecognisedAndOthersAreNot(@TempDir Path dir) throws Exception {
    Path own = Files.writeString(dir.resolve("own.md"),
        ExamplesTable.document("imdb", 10, 32, 42, List.of()));
    assertTrue(ExamplesTable.isWrittenByRnnkit(own));
    assertFalse(ExamplesTable.isWrittenByRnnkit(Files.writeString(dir.resolve("notes.md"),
        "# Notes\n# LSTM vs GRU (mine)\n")));
    assertFalse(ExamplesTable.isWrittenByRnnkit(Files.write(dir.resolve("binary.md"),
        new byte[] {(byte) 0xff, (byte) 0xfe, 0})));
    assertFalse(ExamplesTable.isWrittenByRnnkit(Files.write(dir.resolve("empty.md"), new byte[0])));
  }
}
