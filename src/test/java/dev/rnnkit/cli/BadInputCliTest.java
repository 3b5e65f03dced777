package dev.rnnkit.cli;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import dev.rnnkit.savedmodel.safety.UnsafeModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of README's "What RNNKit says when input is wrong" that the command line reaches: each
 * runs {@code Main.execute} and checks the exit code and what stderr says.
 */
class BadInputCliTest {

  /** An RNNKit model of 8 time steps and 100 token ids, with both signatures. */
  @TempDir static Path shared;
  private static String model;

  @TempDir Path tmp;

  @BeforeAll
  static void saveModel() throws IOException {
    Path dir = shared.resolve("model");
    try (Model m = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, false, 100, 8), 1)) {
      ModelDirectory.save(m, dir, List.of("good", "bad"), 100, false);
    }
    model = dir.toString();
  }

  /** predict on the shared model with these {@code --input key=JSON} arguments. */
  private static CliTest.Run predictFails(String... inputs) {
    List<String> args = new ArrayList<>(List.of("predict", "--model", model));
    for (String input : inputs) {
      args.add("--input");
      args.add(input);
    }
    return fails(args.toArray(String[]::new));
  }

  private static CliTest.Run fails(String... args) {
    CliTest.Run run = CliTest.run(args);
    assertEquals(1, run.exit(), run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    return run;
  }

  @Test
  void untrustedModelIsRefusedUntilTrusted() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "0123456789");
    Path model = UnsafeModels.readsFile(tmp.resolve("model"), secret);

    CliTest.Run refused = fails("predict", "--model", model.toString(), "--input", "x=[1]");
    assertMentions(refused.err(), "Error: Refusing to load", "ReadFile 'read_secret' in the graph",
        "pass --trust-model");

    CliTest.Run trusted = CliTest.run("predict", "--model", model.toString(), "--input", "x=[1]",
        "--trust-model");
    assertEquals(0, trusted.exit(), trusted.err());
    assertEquals("{\"y\":[11.0]}", trusted.out().strip());
  }

  @Test
  void missingModelFolder() throws IOException {
    Path absent = tmp.resolve("no_such_model");
    String notFound = "Error: SavedModel folder not found: " + absent.toAbsolutePath();
    assertMentions(fails("predict", "--model", absent.toString(), "--input", "x=[1]").err(),
        notFound);
    assertMentions(fails("predict", "--model", absent.toString(), "--text", "good").err(),
        notFound);
    Path texts = Files.writeString(tmp.resolve("texts.txt"), "good\n");
    assertMentions(fails("predict", "--model", absent.toString(), "--input", texts.toString())
        .err(), notFound);
    assertMentions(fails("inspect", absent.toString()).err(), "SavedModel folder not found");
  }

  @Test
  void theOutputFolderOfARunStandsForItsModel() {
    Path run = Path.of(model).getParent();
    CliTest.Run viaRun = CliTest.run("predict", "--model", run.toString(), "--text", "good film");
    CliTest.Run direct = CliTest.run("predict", "--model", model, "--text", "good film");
    assertEquals(0, viaRun.exit(), viaRun.err());
    assertEquals(direct.out(), viaRun.out());
    assertMentions(viaRun.err(), "Using " + model + ": " + run + " is the output folder of a run");
  }

  @Test
  void folderThatIsNotASavedModel() throws IOException {
    Files.writeString(tmp.resolve("model.keras"), "zip");
    assertMentions(fails("predict", "--model", tmp.toString(), "--input", "x=[1]").err(),
        "is not a SavedModel: it has no saved_model.pb. It contains: model.keras.");
    Files.writeString(tmp.resolve("saved_model.pb"), "not a protocol buffer");
    assertMentions(fails("inspect", tmp.toString()).err(),
        "as a SavedModel protocol buffer", "damaged, truncated or not a SavedModel");
  }

  @Test
  void unknownSignature() {
    assertMentions(fails("predict", "--model", model, "--signature", "predict", "--input",
            "token_ids=[[1,2,3,4,5,6,7,8]]").err(),
        "Error: No signature 'predict' in " + model, "Signatures: serving_default, serving_text.");
  }

  @Test
  void missingOrExtraInputKey() {
    assertMentions(predictFails("ids=[[1,2,3,4,5,6,7,8]]").err(),
        "called with inputs [ids]: missing [token_ids], unknown [ids]",
        "Its inputs are: token_ids: DT_INT32 (-1, 8).");
    assertMentions(predictFails("token_ids=[[1,2,3,4,5,6,7,8]]", "mask=1").err(),
        "called with inputs [mask, token_ids]: unknown [mask]");
  }

  @Test
  void wrongDtype() {
    assertMentions(predictFails("token_ids=[[1.5,2,3,4,5,6,7,8]]").err(),
        "Input 'token_ids' of signature 'serving_default' expects DT_INT32 values",
        "the element at [0, 0] is the number 1.5");
  }

  @Test
  void wrongShape() {
    assertMentions(predictFails("token_ids=[[1,2,3]]").err(),
        "Input 'token_ids' of signature 'serving_default' has shape (1, 3)",
        "declares (-1, 8) (dimension 1 is 3, expected 8");
  }

  @Test
  void nanInJsonNamesTheInput() {
    assertMentions(predictFails("token_ids=[[0,0,0,0,0,0,0,NaN]]").err(),
        "Error: The value given for input 'token_ids' holds NaN at [0, 7]",
        "JSON has no NaN or Infinity");
  }

  @Test
  void aJsonInputCanComeFromAFile() throws IOException {
    // A large input does not fit on a command line ("Argument list too long").
    Path json = Files.writeString(tmp.resolve("ids.json"), "[[0,0,0,0,\n0,0,4,5]]\n");
    CliTest.Run fromFile = CliTest.run("predict", "--model", model, "--input", "token_ids=@" + json);
    assertEquals(0, fromFile.exit(), fromFile.err());
    CliTest.Run inline = CliTest.run("predict", "--model", model, "--input", "token_ids=[[0,0,0,0,0,0,4,5]]");
    assertEquals(inline.out(), fromFile.out());
    assertMentions(predictFails("token_ids=@" + tmp.resolve("absent.json")).err(),
        "absent.json", "no such JSON file for --input token_ids=@FILE");
    Files.writeString(tmp.resolve("big.json"), "[[0,0,0,0,0,0,0,100]]");
    assertMentions(predictFails("token_ids=@" + tmp.resolve("big.json")).err(),
        "Token id 100 is out of range");
  }

  @Test
  void tokenIdOutOfRange() {
    assertMentions(predictFails("token_ids=[[0,0,0,0,0,0,0,100]]").err(),
        "Token id 100 is out of range: ids must be in [0, 100)", "out-of-vocabulary id 2");
  }

  @Test
  void emptyData() throws IOException {
    Path empty = Files.writeString(tmp.resolve("reviews.txt"), "\n  \n");
    assertMentions(fails("predict", "--model", model, "--input", empty.toString()).err(),
        "Nothing to predict");
  }

  @Test
  void textsThatAreNotUtf8NameTheFileLineAndByte() throws IOException {
    Path texts = Files.write(tmp.resolve("reviews.txt"),
        "good\nnot bad, caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertMentions(fails("predict", "--model", model, "--input", texts.toString()).err(),
        "Error: " + texts + ", line 2: the file is not UTF-8 text",
        "byte 0xE9 at byte offset 17", "save it as UTF-8");
  }

  @Test
  void aByteOrderMarkDoesNotChangeThePrediction() throws IOException {
    Path plain = Files.writeString(tmp.resolve("plain.txt"), "good film\n");
    Path marked = Files.writeString(tmp.resolve("marked.txt"), "\uFEFFgood film\n");
    CliTest.Run withoutMark = CliTest.run("predict", "--model", model, "--input", plain.toString());
    CliTest.Run withMark = CliTest.run("predict", "--model", model, "--input", marked.toString());
    assertEquals(0, withMark.exit(), withMark.err());
    assertEquals(withoutMark.out(), withMark.out());
  }

  @Test
  void csvWithoutWordsIsRefusedBeforeTraining() throws IOException {
    Path csv = Files.writeString(tmp.resolve("ratings.csv"),
        "id,text,label\n" + "1,!!!,1\n2,...,0\n3,,1\n4,?,0\n".repeat(3));
    Path out = tmp.resolve("out");
    CliTest.Run run = fails("train", "--csv", csv.toString(), "--epochs", "1", "--out",
        out.toString());
    assertMentions(run.err(), "Error: " + csv + ": none of the 12 texts in column 'text' holds"
        + " a word", "name the column that holds the texts");
    assertTrue(!run.out().contains("Epoch"), "no training: " + run.out());
    assertTrue(!Files.exists(out.resolve("model")));
  }

  @Test
  void corruptTrainingCheckpoint() throws IOException {
    Files.write(tmp.resolve("checkpoint.bin"), new byte[] {'R', 'N', 'N', 'K', 1, 2, 3});
    assertMentions(fails("train", "--resume", "--epochs", "1", "--out", tmp.toString()).err(),
        "Checkpoint", "cannot be used: it is not an RNNKit checkpoint or is truncated",
        "nothing was loaded");
  }

  /** A copy of the shared model in {@code tmp}, to damage. */
  private Path copyOfModel() throws IOException {
    Path copy = tmp.resolve("copy");
    try (var files = Files.walk(Path.of(model))) {
      for (Path source : files.toList()) {
        Files.copy(source, copy.resolve(Path.of(model).relativize(source).toString()));
      }
    }
    return copy;
  }

  @Test
  void savedModelWithoutVariables() throws IOException {
    Path copy = copyOfModel();
    try (var walk = Files.walk(copy.resolve("variables"))) {
      for (Path file : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
    String missing = "Error: " + copy + " has no variables/ folder";
    assertMentions(fails("predict", "--model", copy.toString(), "--text", "good").err(),
        copy + " has no variables/ folder, so the values of its", "embedding/embeddings",
        "copy the whole SavedModel folder, variables/ included");
    assertMentions(fails("predict", "--model", copy.toString(), "--input",
        "token_ids=[[1,2,3,4,5,6,7,8]]").err(), missing);
  }

  @Test
  void corruptSavedModelVariables() throws IOException {
    Path copy = copyOfModel();
    try (var data = Files.list(copy.resolve("variables"))) {
      for (Path file : data.toList()) {
        Files.write(file, new byte[] {1, 2, 3});
      }
    }
    assertMentions(fails("predict", "--model", copy.toString(), "--input",
            "token_ids=[[1,2,3,4,5,6,7,8]]").err(),
        "TensorFlow could not load the MetaGraph 'serve' of " + copy,
        "file is too short to be an sstable", "damaged or do not belong together");
  }
}
