package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --optimizer} and {@code --learning-rate} reach the model and its rnnkit.json. */
class OptimizerCliTest {

  @Test
  void trainRecordsTheChosenOptimizer(@TempDir Path dir) throws Exception {
    CliTest.Run r = CliTest.run("train", "--data", "synthetic", "--arch", "gru", "--epochs", "1",
        "--optimizer", "rmsprop", "--learning-rate", "0.01", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode optimizer = new ObjectMapper().readTree(
        Files.readString(dir.resolve("model/rnnkit.json"))).path("optimizer");
    assertEquals("RMSprop", optimizer.path("class_name").asText());
    assertEquals(0.01, optimizer.path("config").path("learning_rate").asDouble(), 0);
    assertEquals(0.9, optimizer.path("config").path("rho").asDouble(), 0);
  }

  @Test
  void unknownOptimizersAndRatesAreRefusedWithTheChoices() {
    CliTest.Run r = CliTest.run("train", "--data", "synthetic", "--optimizer", "adagrad");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("--optimizer adagrad is not supported: use adam, adamw, rmsprop"
        + " or sgd"), r.err());
    CliTest.Run lr = CliTest.run("train", "--data", "synthetic", "--learning-rate", "-1");
    assertEquals(1, lr.exit());
    assertTrue(lr.err().contains("--learning-rate must be a positive number"), lr.err());
    CliTest.Run help = CliTest.run("train", "--help");
    assertTrue(help.out().contains("--optimizer") && help.out().contains("--learning-rate"));
  }
}
