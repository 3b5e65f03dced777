package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

  private static Checkpoint sample() {
    FitState state = new FitState(2, 17, 3.5, 544, 400, 544, 400, 544, 1.25,
        Map.of("loss", List.of(0.69)), List.of(2.0));
    return new Checkpoint(state,
        List.of(new Weight("dense/kernel", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, Float.MIN_VALUE})),
        new OptimizerState(42, List.of(new Weight("adam/dense_kernel_m", new long[] {2, 3}, new float[6]))),
        Map.of("seed", 7), List.of("the", "movie"));
  }

  @Test
  void roundTripIsExact(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    CheckpointFile.write(file, sample());
    Checkpoint back = CheckpointFile.read(file);
    assertEquals(sample().fit(), back.fit());
    assertEquals(sample().weights(), back.weights());
    assertEquals(sample().optimizer(), back.optimizer());
    assertEquals(List.of("the", "movie"), back.vocabulary());
    assertEquals(7, ((Number) back.settings().get("seed")).intValue());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void aFlippedByteIsDetected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    CheckpointFile.write(file, sample());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() - 40); // inside the tensor data
      int b = raf.read();
      raf.seek(raf.length() - 40);
      raf.write(b ^ 0x10);
    }
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(file));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was loaded"), e.getMessage());
  }

  @Test
  void aTruncatedFileIsDetected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    CheckpointFile.write(file, sample());
    byte[] all = Files.readAllBytes(file);
    for (int keep : new int[] {all.length - 1, all.length / 2, 10, 0}) {
      Files.write(file, java.util.Arrays.copyOf(all, keep));
      IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(file));
      assertTrue(e.getMessage().contains("cannot be used"), e.getMessage());
    }
  }

  @Test
  void missingFileSaysSo(@TempDir Path dir) {
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(dir.resolve("none.bin")));
    assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
  }
}
