package dev.rnnkit.cli;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.data.CsvSource;
import dev.rnnkit.data.ImdbSource;
import dev.rnnkit.data.SampleSizes;
import dev.rnnkit.data.SplitPolicy;
import dev.rnnkit.data.SyntheticSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The data options as train reads them: which source, which split, how much. */
class DataOptionsTest {

  @TempDir Path dir;

  private static DataOptions train(String... args) {
    TrainCommand command = new TrainCommand();
    new CommandLine(command).parseArgs(args);
    return command.dataOptions;
  }

  private Path csv() throws Exception {
    return Files.writeString(dir.resolve("reviews.csv"), "review,sentiment\ngood,1\nbad,0\n");
  }

  @Test
  void trainReadsImdbByDefaultAndSplitsACsvFileEightyTwenty() throws Exception {
    assertEquals(new ImdbSource(Path.of("data")), train().source());
    assertEquals(new SyntheticSource(), train("--data", "synthetic").source());
    CsvSource expected = new CsvSource(csv(), "review", "sentiment", SplitPolicy.EIGHTY_TWENTY);
    assertEquals(expected, train("--csv", csv().toString(), "--text-column", "review",
        "--label-column", "sentiment").source());
    assertEquals(expected, train("--data", csv().toString(), "--text-column", "review",
        "--label-column", "sentiment").source());
    assertEquals(new CsvSource(csv(), "text", "label", SplitPolicy.BALANCED_HALVES),
        train("--csv", csv().toString(), "--split", "balanced-halves").source());
  }

  @Test
  void sizesComeFromLimitOrFromEachSize() {
    assertEquals(SampleSizes.ALL, train().sizesOver(SampleSizes.ALL));
    assertEquals(SampleSizes.each(300), train("--limit", "300").sizesOver(SampleSizes.ALL));
    assertEquals(new SampleSizes(500, 7), train("--train-size", "500")
        .sizesOver(new SampleSizes(9, 7)));
    assertMentions(assertThrows(IllegalArgumentException.class,
        () -> train("--limit", "3", "--test-size", "2").sizesOver(SampleSizes.ALL)).getMessage(),
        "--limit sets both sizes");
    assertMentions(assertThrows(IllegalArgumentException.class,
        () -> train("--train-size", "-2").sizesOver(SampleSizes.ALL)).getMessage(),
        "--train-size must be 0 (all) or positive, got -2");
  }

  @Test
  void optionsThatContradictEachOtherAreRefused() throws Exception {
    assertMentions(assertThrows(IllegalArgumentException.class,
        () -> train("--data", "imdb", "--split", "80-20").source()).getMessage(),
        "apply only to a CSV file");
    assertMentions(assertThrows(IllegalArgumentException.class,
        () -> train("--data", "synthetic", "--csv", csv().toString()).source()).getMessage(),
        "with --data or with --csv, not both");
    CliTest.Run badSplit = CliTest.run("train", "--csv", csv().toString(), "--split", "halves");
    assertEquals(2, badSplit.exit());
    assertMentions(badSplit.err(), "Unknown split 'halves'");
  }
}
