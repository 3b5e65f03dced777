package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --csv} on three classes: named classes train Dense(3, softmax) with sparse
 * categorical cross-entropy, rnnkit.json records the names, and {@code predict} prints the most
 * probable class by name with its probability; numbered classes print their numbers.
 */
class MultiClassCliTest {

  @TempDir Path dir;

  /** 60 short texts of three topics, labelled by {@code labels}. */
  private Path topics(String name, String... labels) throws IOException {
    String[] words = {"goal match team", "paint canvas museum", "vote election senate"};
    List<String> lines = new ArrayList<>(List.of("text,label"));
    for (int i = 0; i < 60; i++) {
      lines.add(words[i % 3] + " word" + (i % 7) + "," + labels[i % 3]);
    }
    return Files.write(dir.resolve(name), lines);
  }

  /** Trains on topics.csv (sport, art, politics) into {@code out}; the run's output. */
  private CliTest.Run trainNamed(Path out, int epochs) throws IOException {
    CliTest.Run trained = CliTest.run("train", "--csv",
        topics("topics.csv", "sport", "art", "politics").toString(), "--epochs",
        Integer.toString(epochs), "--batch-size", "16", "--out", out.toString());
    assertEquals(0, trained.exit(), trained.err());
    return trained;
  }

  /** Asserts that the model in {@code out}/model records the names of topics.csv. */
  private static void assertNamesRecorded(Path out) throws IOException {
    String config = Files.readString(out.resolve("model/rnnkit.json"));
    assertTrue(config.replaceAll("\\s", "")
        .contains("\"classNames\":[\"art\",\"politics\",\"sport\"]"), config);
  }

  @Test
  void namedClassesTrainASoftmaxAndPredictPrintsTheMostProbableName() throws IOException {
    Path out = dir.resolve("run");
    CliTest.Run trained = trainNamed(out, 2);
    assertTrue(trained.out().contains("(None, 3)"), trained.out());
    assertTrue(trained.out().contains("Classes: art, politics, sport"), trained.out());
    assertTrue(trained.out().matches("(?s).*Test: loss \\d+\\.\\d{4}, accuracy 0\\.\\d{4}.*"),
        trained.out());
    String config = Files.readString(out.resolve("model/rnnkit.json"));
    assertTrue(config.contains("sparse_categorical_crossentropy"), config);
    assertNamesRecorded(out);

    CliTest.Run predicted = CliTest.run("predict", "--model", out.resolve("model").toString(),
        "--text", "goal match", "--text", "paint canvas");
    assertEquals(0, predicted.exit(), predicted.err());
    List<String> lines = predicted.out().lines().toList();
    assertEquals(2, lines.size(), predicted.out());
    for (String line : lines) {
      assertTrue(line.matches("(0\\.\\d{4}|1\\.0000)  (art|politics|sport) +\\S.*"), line);
      // The most probable of three classes has at least a third of the probability.
      assertTrue(Double.parseDouble(line.substring(0, 6)) >= 1.0 / 3 - 1e-4, line);
    }
  }

  @Test
  void numberedClassesPrintTheirNumbersAndRefuseTheSequenceOutput() throws IOException {
    Path csv = topics("numbered.csv", "0", "1", "2");
    Path refusedOut = dir.resolve("refused");
    CliTest.Run refused = CliTest.run("train", "--csv", csv.toString(), "--return-sequences",
        "true", "--epochs", "1", "--out", refusedOut.toString());
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("3 classes") && refused.err().contains("--return-sequences"),
        refused.err());

    Path out = dir.resolve("run");
    CliTest.Run trained = CliTest.run("train", "--csv", csv.toString(), "--arch", "gru",
        "--epochs", "2", "--batch-size", "16", "--out", out.toString());
    assertEquals(0, trained.exit(), trained.err());
    CliTest.Run predicted = CliTest.run("predict", "--model", out.resolve("model").toString(),
        "--text", "vote election");
    assertEquals(0, predicted.exit(), predicted.err());
    assertTrue(predicted.out().strip().matches("(0\\.\\d{4}|1\\.0000)  [012] +vote election"),
        predicted.out());
  }

  @Test
  void binaryCsvKeepsTheSigmoidAndWritesNoClassNames() throws IOException {
    Path out = dir.resolve("binary");
    CliTest.Run trained = CliTest.run("train", "--csv", topics("binary.csv", "0", "1", "0")
        .toString(), "--epochs", "1", "--batch-size", "16", "--out", out.toString());
    assertEquals(0, trained.exit(), trained.err());
    String config = Files.readString(out.resolve("model/rnnkit.json"));
    assertTrue(config.contains("binary_crossentropy"), config);
    assertFalse(config.contains("classNames"), config);
    assertFalse(trained.out().contains("Classes:"), trained.out());
    CliTest.Run predicted = CliTest.run("predict", "--model", out.resolve("model").toString(),
        "--text", "goal match");
    assertTrue(predicted.out().strip().matches("0\\.\\d{4}  (positive|negative) +goal match"),
        predicted.out());
  }

  @Test
  void fineTuningKeepsTheClassNamesAndRefusesOtherClasses() throws IOException {
    Path trained = dir.resolve("run");
    trainNamed(trained, 1);
    Path model = trained.resolve("model");

    CliTest.Run other = CliTest.run("train", "--resume-from", model.toString(), "--csv",
        topics("other.csv", "sport", "art", "music").toString(), "--epochs", "1",
        "--out", dir.resolve("other").toString());
    assertEquals(1, other.exit(), other.out());
    assertTrue(other.err().contains("The model's classes are [art, politics, sport] but the"
        + " data's are [art, music, sport]"), other.err());

    Path tuned = dir.resolve("tuned");
    CliTest.Run same = CliTest.run("train", "--resume-from", model.toString(), "--csv",
        dir.resolve("topics.csv").toString(), "--epochs", "1", "--out", tuned.toString());
    assertEquals(0, same.exit(), same.err());
    assertNamesRecorded(tuned);
  }
}
