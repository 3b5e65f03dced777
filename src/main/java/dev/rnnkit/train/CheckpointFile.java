package dev.rnnkit.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.model.Weight;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoint files: a magic line, a JSON header (fit state, settings, vocabulary, tensor names
 * and shapes), the tensors as little-endian floats, and a SHA-256 of all of it at the end. Written
 * to a temporary file, fsynced and renamed over the old one, so a crash at any moment leaves the
 * last complete checkpoint; a damaged or truncated file fails its checksum and is refused.
 */
public final class CheckpointFile {

  public static final String FILE_NAME = "checkpoint.bin";
  private static final byte[] MAGIC = "RNNKIT-CHECKPOINT-1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DIGEST_BYTES = 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointFile() {}

  /** JSON header of the file. */
  private record Header(FitState fit, long iterations, Map<String, Object> settings,
      List<String> vocabulary, List<TensorEntry> tensors) {}

  private record TensorEntry(String name, long[] shape, boolean slot) {}

  public static void write(Path file, Checkpoint checkpoint) throws IOException {
    List<TensorEntry> entries = new ArrayList<>();
    checkpoint.weights().forEach(w -> entries.add(new TensorEntry(w.name(), w.shape(), false)));
    checkpoint.optimizer().slots().forEach(w -> entries.add(new TensorEntry(w.name(), w.shape(), true)));
    Header header = new Header(checkpoint.fit(), checkpoint.optimizer().iterations(),
        checkpoint.settings(), checkpoint.vocabulary(), entries);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      byte[] json = JSON.writeValueAsBytes(header);
      out.writeInt(json.length);
      out.write(json);
      for (Weight w : checkpoint.weights()) {
        out.write(floatsToBytes(w.values()));
      }
      for (Weight w : checkpoint.optimizer().slots()) {
        out.write(floatsToBytes(w.values()));
      }
    }
    byte[] body = bytes.toByteArray();
    byte[] digest = sha256(body, body.length);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(body));
        channel.write(ByteBuffer.wrap(digest));
        channel.force(true);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  public static Checkpoint read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no checkpoint to resume from");
    }
    byte[] all = Files.readAllBytes(file);
    if (all.length < MAGIC.length + 4 + DIGEST_BYTES
        || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      throw corrupt(file, "it is not an RNNKit checkpoint or is truncated");
    }
    byte[] stored = Arrays.copyOfRange(all, all.length - DIGEST_BYTES, all.length);
    if (!MessageDigest.isEqual(stored, sha256(all, all.length - DIGEST_BYTES))) {
      throw corrupt(file, "its SHA-256 checksum does not match (damaged or truncated)");
    }
    try (DataInputStream in = new DataInputStream(
        new java.io.ByteArrayInputStream(all, MAGIC.length, all.length - MAGIC.length - DIGEST_BYTES))) {
      byte[] json = new byte[in.readInt()];
      in.readFully(json);
      Header header = JSON.readValue(json, new TypeReference<Header>() {});
      List<Weight> weights = new ArrayList<>();
      List<Weight> slots = new ArrayList<>();
      for (TensorEntry entry : header.tensors()) {
        long n = Arrays.stream(entry.shape()).reduce(1, (a, b) -> a * b);
        byte[] raw = new byte[Math.toIntExact(n * 4)];
        in.readFully(raw);
        Weight w = new Weight(entry.name(), entry.shape(), bytesToFloats(raw));
        (entry.slot() ? slots : weights).add(w);
      }
      return new Checkpoint(header.fit(), weights, new OptimizerState(header.iterations(), slots),
          header.settings() == null ? Map.of() : new LinkedHashMap<>(header.settings()),
          header.vocabulary());
    }
  }

  private static IOException corrupt(Path file, String why) {
    return new IOException("Checkpoint " + file + " cannot be used: " + why
        + ". Delete it to start the run over (or restore a copy); nothing was loaded.");
  }

  private static byte[] sha256(byte[] data, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(data, 0, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static byte[] floatsToBytes(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  private static float[] bytesToFloats(byte[] raw) {
    float[] values = new float[raw.length / 4];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /** Makes the rename itself durable; not every file system allows it, and that is harmless. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open directories; the file's own fsync already happened.
    }
  }
}
