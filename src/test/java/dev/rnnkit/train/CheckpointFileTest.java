package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.OptimizerState;
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

  /**
   * A checkpoint as a crafted file would hold it: the header as given, {@code tensorBytes} zero
   * bytes of tensors and a correct SHA-256, so that only the header's own checks can refuse it.
   */
  private static Path crafted(Path dir, int headerLength, String header, int tensorBytes)
      throws Exception {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(body)) {
      out.write("RNNKIT-CHECKPOINT-1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.writeInt(headerLength);
      out.write(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.write(new byte[tensorBytes]);
    }
    byte[] bytes = body.toByteArray();
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    Path file = dir.resolve("crafted.bin");
    Files.write(file, bytes);
    Files.write(file, digest, java.nio.file.StandardOpenOption.APPEND);
    return file;
  }

  private static String header(String fit, String tensors) {
    return "{\"fit\":" + fit + ",\"iterations\":3,\"settings\":{},\"tensors\":" + tensors + "}";
  }

  private static final String FIT = "{\"epoch\":1,\"step\":2,\"lossSum\":1,\"samples\":8,"
      + "\"correctAll\":4,\"countAll\":8,\"correctLast\":4,\"countLast\":8,"
      + "\"epochSecondsSoFar\":0.5,\"history\":{},\"epochSeconds\":[]}";

  private static void assertRefused(Path file, String why) {
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(file));
    assertTrue(e.getMessage().contains("cannot be used: " + why), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was loaded"), e.getMessage());
  }

  @Test
  void craftedShapesAndLengthsWithAValidChecksumAreRefusedBeforeAllocating(@TempDir Path dir)
      throws Exception {
    String[] badTensors = {
      "[{\"name\":\"w\",\"shape\":[4000000000,4000000000],\"slot\":false}]", // overflows
      "[{\"name\":\"w\",\"shape\":[500000000],\"slot\":false}]", // 2 GB, not in the file
      "[{\"name\":\"w\",\"shape\":[-2,2],\"slot\":false}]", // negative
    };
    for (String tensors : badTensors) {
      String h = header(FIT, tensors);
      assertRefused(crafted(dir, h.length(), h, 16), "its weight 'w'");
    }
    String fits = header(FIT, "[{\"name\":\"w\",\"shape\":[2,2],\"slot\":false}]");
    assertRefused(crafted(dir, -7, fits, 16), "its header length -7 does not fit");
    assertRefused(crafted(dir, Integer.MAX_VALUE, fits, 16), "its header length 2147483647");
    assertRefused(crafted(dir, fits.length(), fits, 20), "it holds 4 bytes after its tensors");
    assertEquals(4, CheckpointFile.read(crafted(dir, fits.length(), fits, 16)).weights().get(0)
        .values().length, "the same file with the right length is read");
  }

  @Test
  void craftedFitStatesAreRefused(@TempDir Path dir) throws Exception {
    String tensors = "[]";
    String[] badFits = {
      FIT.replace("\"epoch\":1", "\"epoch\":3"), // epoch 3 after no finished epoch
      FIT.replace("\"step\":2", "\"step\":-1"),
      FIT.replace("\"samples\":8", "\"samples\":-8"),
      FIT.replace("\"history\":{}", "\"history\":{\"loss\":[0.5]}"), // no finished epoch
    };
    for (String fit : badFits) {
      String h = header(fit, tensors);
      assertRefused(crafted(dir, h.length(), h, 0), "its header is not valid: Not a valid fit state");
    }
    String negativeIterations = header(FIT, tensors).replace("\"iterations\":3", "\"iterations\":-3");
    assertRefused(crafted(dir, negativeIterations.length(), negativeIterations, 0),
        "its optimizer step count is -3");
  }

  @Test
  void aCheckpointOfAnotherModelIsRefusedFromItsHeader(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    CheckpointFile.write(file, sample());
    var other = CheckpointFile.Layout.of(
        List.of(new Weight("dense/kernel", new long[] {3, 3}, new float[9])),
        List.of(new Weight("adam/dense_kernel_m", new long[] {3, 3}, new float[9])));
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(file, other));
    assertTrue(e.getMessage().contains("it was saved from another model: it holds weight"
        + " 'dense/kernel' [2, 3] where this model has weight 'dense/kernel' [3, 3]"), e.getMessage());
    var same = CheckpointFile.Layout.of(sample().weights(), sample().optimizer().slots());
    assertEquals(sample().weights(), CheckpointFile.read(file, same).weights());
  }

  @Test
  void missingFileSaysSo(@TempDir Path dir) {
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(dir.resolve("none.bin")));
    assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
  }
}
