package dev.rnnkit.cli;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.OptimizerState;
import dev.rnnkit.train.Checkpoint;
import dev.rnnkit.train.CheckpointFile;
import dev.rnnkit.train.FitState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code train} and {@code examples} do with what is already in their output folder: they
 * replace only what RNNKit wrote, keep an interrupted run unless told, and decide before any data
 * is loaded.
 */
class OutputFolderCliTest {

  @TempDir Path tmp;

  private Path csv() throws IOException {
    return reviewsCsv(tmp.resolve("reviews.csv"), 20);
  }

  /** A small CSV of {@code rows} reviews (about rows + 3 words) that trains in a moment. */
  static Path reviewsCsv(Path file, int rows) throws IOException {
    List<String> lines = new ArrayList<>(List.of("text,label"));
    for (int i = 0; i < rows; i++) {
      lines.add(i % 2 == 0 ? "a good film " + i + ",1" : "a bad film " + i + ",0");
    }
    return Files.write(file, lines);
  }

  /** A SavedModel from elsewhere (say, Python): no rnnkit.json. */
  private Path foreignSavedModel(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("variables"));
    Files.write(dir.resolve("saved_model.pb"), new byte[] {8, 1});
    return Files.writeString(dir.resolve("variables/variables.index"), "weights from Python");
  }

  private static CliTest.Run train(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--epochs", "1", "--out", out.toString()));
    args.addAll(List.of(extra));
    return CliTest.run(args.toArray(String[]::new));
  }

  @Test
  void aSavedModelRnnkitDidNotWriteIsKeptUnlessForced() throws IOException {
    Path out = tmp.resolve("out");
    Path python = foreignSavedModel(out.resolve("model"));
    String csv = csv().toString();

    CliTest.Run refused = train(out, "--csv", csv);
    assertEquals(1, refused.exit(), refused.out());
    assertMentions(refused.err(), out.resolve("model") + " holds a SavedModel that RNNKit did not"
        + " write", "pass --force to replace it");
    assertEquals("weights from Python", Files.readString(python), "left as it was");
    CliTest.Run resume = train(out, "--csv", csv, "--resume");
    assertEquals(1, resume.exit(), "--resume does not allow it either");
    assertEquals("weights from Python", Files.readString(python));

    CliTest.Run forced = train(out, "--csv", csv, "--force");
    assertEquals(0, forced.exit(), forced.err());
    assertTrue(Files.isRegularFile(out.resolve("model/rnnkit.json")), "replaced with --force");
  }

  @Test
  void aFileInThePlaceOfTheModelIsKept() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Path notes = Files.writeString(out.resolve("model"), "my notes");
    CliTest.Run refused = train(out, "--csv", csv().toString());
    assertEquals(1, refused.exit(), refused.out());
    assertMentions(refused.err(), out.resolve("model") + " holds a file that RNNKit did not write");
    assertEquals("my notes", Files.readString(notes));
  }

  @Test
  void examplesChecksBothFoldersBeforeLoadingAnyData() throws IOException {
    Path out = tmp.resolve("out");
    foreignSavedModel(out.resolve("gru/model"));
    // The CSV does not exist: reading it would fail, so the refusal must come first.
    CliTest.Run refused = CliTest.run("examples", "--epochs", "1", "--csv",
        tmp.resolve("missing.csv").toString(), "--out", out.toString());
    assertEquals(1, refused.exit(), refused.out());
    assertMentions(refused.err(), out.resolve("gru/model") + " holds a SavedModel that RNNKit did"
        + " not write", "--force");
    assertTrue(!Files.exists(out.resolve("lstm/model")), "the LSTM was not trained first");
  }

  @Test
  void examplesKeepsASummaryRnnkitDidNotWrite() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path table = Files.writeString(out.resolve("comparison.md"), "# My own comparison\n");
    String csv = csv().toString();
    CliTest.Run refused = CliTest.run("examples", "--csv", csv, "--epochs", "1", "--out",
        out.toString());
    assertEquals("# My own comparison\n", Files.readString(table));
    assertEquals(1, refused.exit(), refused.out());
    assertMentions(refused.err(), table + " is a file that RNNKit did not write", "--force");
    assertTrue(!refused.out().contains("20 rows"), "refused before reading the data: " + refused.out());

    Files.delete(table);
    Path plot = out.resolve("learning-curves.png");
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 2, 1), "png", plot.toFile());
    refused = CliTest.run("examples", "--csv", csv, "--epochs", "1", "--out", out.toString());
    assertMentions(refused.err(), plot + " is a file that RNNKit did not write");
  }

  @Test
  void forgettingResumeKeepsAnInterruptedRun() throws IOException {
    Path out = tmp.resolve("out");
    Path checkpoint = out.resolve(CheckpointFile.FILE_NAME);
    FitState atEpoch3 = new FitState(3, 0, 0, 0, 0, 0, 0, 0, 0,
        Map.of("loss", List.of(0.7, 0.6)), List.of(1.0, 1.0));
    CheckpointFile.write(checkpoint, new Checkpoint(atEpoch3, List.of(),
        new OptimizerState(0, List.of()), Map.of("epochs", 10), null));
    byte[] before = Files.readAllBytes(checkpoint);

    CliTest.Run refused = train(out, "--csv", csv().toString());
    assertEquals(1, refused.exit(), refused.out());
    assertMentions(refused.err(), out + " holds an interrupted run (epoch 3 of 10): pass --resume"
        + " to go on or --force to start over");
    assertArrayEquals(before, Files.readAllBytes(checkpoint), "the checkpoint is kept");
  }

  @Test
  void aCheckpointFileRnnkitCannotReadIsKept() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Path other = Files.writeString(out.resolve(CheckpointFile.FILE_NAME), "another tool's file");
    CliTest.Run refused = train(out, "--csv", csv().toString());
    assertEquals(1, refused.exit(), refused.out());
    assertMentions(refused.err(), "it is not an RNNKit checkpoint",
        "A new run would replace it: pass --force");
    assertEquals("another tool's file", Files.readString(other));
  }

  @Test
  void aRunClearsWhatKilledRunsLeftAndNothingElse() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.write(out.resolve("checkpoint.bin4410738256146231075.tmp"), new byte[1000]); // older releases'
    Files.write(out.resolve(".checkpoint.bin.tmp-" + java.util.UUID.randomUUID()), new byte[1000]);
    Files.createDirectories(out.resolve(".model.tmp-" + java.util.UUID.randomUUID() + "/variables"));
    List<String> others = List.of("checkpoint.bin.tmp", "checkpoint.bin12.tmp.keep",
        "my-checkpoint.bin12.tmp", "notes.tmp", ".model.tmp-notes");
    for (String name : others) {
      Files.writeString(out.resolve(name), "not RNNKit's");
    }

    assertEquals(0, train(out, "--csv", csv().toString()).exit());

    try (var entries = Files.list(out)) {
      List<String> left = entries.map(p -> p.getFileName().toString()).toList();
      assertTrue(left.containsAll(others), left.toString());
      assertEquals(List.of(), left.stream().filter(n -> n.matches("checkpoint\\.bin[0-9]+\\.tmp")
          || n.startsWith(".checkpoint.bin.tmp-")
          || n.startsWith(".model.tmp-") && !n.equals(".model.tmp-notes")).toList());
    }
  }

  @Test
  void theMetricsLiveInTheModelFolderAndChangeOnlyWithIt() throws Exception {
    Path out = tmp.resolve("out");
    String csv = csv().toString();
    assertEquals(0, CliTest.run("train", "--csv", csv, "--epochs", "2", "--out", out.toString()).exit());
    Map<String, String> before = contents(out);

    // The run has done 2 epochs; "resuming" it to 1 would describe a 2-epoch model as 1 epoch.
    CliTest.Run fewer = CliTest.run("train", "--csv", csv, "--epochs", "1", "--resume", "--out",
        out.toString());
    assertEquals(1, fewer.exit(), fewer.out());
    assertMentions(fewer.err(), "finished 2 epochs with only 1 epochs: ask for at least 2");
    assertEquals(before, contents(out), "nothing changed");

    var json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("model/metrics.json").toFile());
    assertEquals(2, json.get("epochs").asInt());
    assertEquals(2, json.get("history").get("loss").size());
    assertTrue(Files.isRegularFile(out.resolve("model/learning-curves.png")));
    assertTrue(!Files.exists(out.resolve("metrics.json")) && !Files.exists(out.resolve("learning-curves.png")),
        "nothing that describes the model lies outside it");
  }

  @Test
  void fineTuningChecksItsOutputBeforeLoadingAnything() throws Exception {
    String csv = csv().toString();
    Path trained = tmp.resolve("trained");
    assertEquals(0, train(trained, "--csv", csv).exit());
    Path out = tmp.resolve("tuned");
    Path python = foreignSavedModel(out.resolve("model"));
    Map<String, String> before = contents(out);

    CliTest.Run refused = CliTest.run("train", "--resume-from", trained.resolve("model").toString(),
        "--csv", csv, "--epochs", "1", "--out", out.toString());
    assertEquals(1, refused.exit(), refused.out());
    assertEquals(before, contents(out), "no metrics.json beside the model it does not describe");
    assertMentions(refused.err(), "Something is already in " + out.resolve("model"),
        "pass --force to replace it");
    assertTrue(!refused.out().contains("Epoch 1/1"), "refused before training: " + refused.out());
    assertEquals("weights from Python", Files.readString(python));
  }

  /** Every file below {@code dir} to the SHA-256 of its bytes. */
  private static Map<String, String> contents(Path dir) throws Exception {
    Map<String, String> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        files.put(dir.relativize(file).toString(), java.util.HexFormat.of().formatHex(digest));
      }
    }
    return files;
  }
}
