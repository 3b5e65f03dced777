package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import dev.rnnkit.savedmodel.export.WarmupFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export-serving: TF Serving's layout from the command line, named after the run. */
class ServingCliTest {

  @Test
  void exportServingWritesNumberedVersionsAndReplacesOneOnlyWithForce(@TempDir Path dir)
      throws Exception {
    Path run = dir.resolve("reviews");
    // The model where train puts it: in the run's model/ folder.
    ExportFixtures.savedModel(ArticleModels.Cell.LSTM, false, 2, run.resolve("model")).close();
    String base = dir.resolve("serving").toString();
    CliTest.Run first = CliTest.run("export-serving", "--model", run.toString(), "--base", base);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("Wrote version 1 of 'reviews'"), first.out());
    assertTrue(first.out().contains("4 (serving_default: 2, serving_text: 2) warm-up requests"),
        first.out());
    assertTrue(first.out().contains("--model_base_path=" + dir.resolve("serving/reviews")
        .toAbsolutePath() + " --model_name=reviews --rest_api_port=8501"), first.out());
    assertTrue(first.err().contains("model is in model/"), first.err());
    assertTrue(Files.isRegularFile(dir.resolve("serving/reviews/1").resolve(WarmupFile.PATH)));

    CliTest.Run second = CliTest.run("export-serving", "--model", run.resolve("model").toString(),
        "--base", base);
    assertTrue(second.out().contains("Wrote version 2 of 'reviews'"), second.out() + second.err());

    CliTest.Run refused = CliTest.run("export-serving", "--model", run.toString(), "--base", base,
        "--name", "reviews", "--version", "1");
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("version 1 of 'reviews' is already there; pass --force"),
        refused.err());
    CliTest.Run forced = CliTest.run("export-serving", "--model", run.toString(), "--base", base,
        "--version", "1", "--force");
    assertEquals(0, forced.exit(), forced.err());
    assertTrue(forced.out().contains("Wrote version 1 of 'reviews'"), forced.out());

    assertEquals(2, CliTest.run("export-serving", "--model", run.toString()).exit(), "no --base");
  }

  /** --version names the version to write here, so help is -h/--help alone. */
  @Test
  void helpWorksAndVersionIsTheServedVersion() {
    CliTest.Run help = CliTest.run("export-serving", "--help");
    assertEquals(0, help.exit(), help.err());
    assertTrue(help.out().contains("--version=N"), help.out());
    CliTest.Run word = CliTest.run("export-serving", "--model", "m", "--base", "b", "--version", "x");
    assertEquals(2, word.exit());
  }
}
