package dev.rnnkit.examples;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.data.DataFileException;
import dev.rnnkit.data.LabelledCsv;
import dev.rnnkit.data.LabelledText;
import dev.rnnkit.data.TrainTestSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

  private static final long SEED = 42;

  @TempDir Path dir;

  @Test
  void trainingRowsWithoutWordsAreRefusedEvenIfTestRowsHaveSome() throws IOException {
    // The split depends only on the number of rows and the seed, so the test rows can be
    // found on wordless rows first and then given words.
    List<LabelledText> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new LabelledText("!".repeat(i + 1), i % 2));
    }
    List<LabelledText> test = TrainTestSplit.fraction(rows, 0.2, SEED).test();
    rows.replaceAll(row -> test.contains(row) ? new LabelledText("fine words", row.label()) : row);
    Path csv = dir.resolve("reviews.csv");
    LabelledCsv.write(csv, rows);

    DataFileException e = assertThrows(DataFileException.class,
        () -> TrainingData.csv(csv, "text", "label", SEED, null, null));
    assertMentions(e.getMessage(), csv + ": the 8 rows chosen for training hold no word in"
        + " column 'text', only the test rows do: add rows with text");
  }
}
