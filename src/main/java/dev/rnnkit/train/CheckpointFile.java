package dev.rnnkit.train;

import dev.rnnkit.io.AtomicWrite;
import dev.rnnkit.io.Json;
import dev.rnnkit.model.Weight;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoint files: a magic line, a JSON header (fit state, settings, vocabulary, tensor names
 * and shapes), the tensors as little-endian floats, and a SHA-256 of all of it at the end. Written
 * through {@link AtomicWrite} (a temporary file, forced to disk and renamed over the old one), so a
 * crash at any moment leaves the last complete checkpoint; a damaged or truncated file fails its checksum and is refused, and a
 * file whose checksum is right but whose header does not add up is refused before any tensor is
 * allocated (see {@link CheckpointParser}).
 */
public final class CheckpointFile {

  public static final String FILE_NAME = "checkpoint.bin";
  static final byte[] MAGIC = "RNNKIT-CHECKPOINT-1\n".getBytes(StandardCharsets.US_ASCII);
  static final int DIGEST_BYTES = 32;
  /** The largest file Java can read into one array; no model RNNKit trains comes near it. */
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private CheckpointFile() {}

  /** A tensor's entry in the header. */
  public record Tensor(String name, long[] shape, boolean slot) {
    boolean sameAs(Tensor other) {
      return name.equals(other.name) && Arrays.equals(shape, other.shape) && slot == other.slot;
    }

    @Override
    public String toString() {
      return (slot ? "optimizer slot '" : "weight '") + name + "' " + Arrays.toString(shape);
    }
  }

  /** The tensors a checkpoint holds, in file order: a model's weights, then its optimizer's slots. */
  public record Layout(List<Tensor> tensors) {
    public static Layout of(List<Weight> weights, List<Weight> slots) {
      List<Tensor> tensors = new ArrayList<>();
      weights.forEach(w -> tensors.add(new Tensor(w.name(), w.shape(), false)));
      slots.forEach(w -> tensors.add(new Tensor(w.name(), w.shape(), true)));
      return new Layout(List.copyOf(tensors));
    }
  }

  /** JSON header of the file. */
  record Header(FitState fit, long iterations, Map<String, Object> settings,
      List<String> vocabulary, List<Tensor> tensors) {}

  public static void write(Path file, Checkpoint checkpoint) throws IOException {
    Header header = new Header(checkpoint.fit(), checkpoint.optimizer().iterations(),
        checkpoint.settings(), checkpoint.vocabulary(),
        Layout.of(checkpoint.weights(), checkpoint.optimizer().slots()).tensors());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      byte[] json = Json.writer().writeValueAsBytes(header);
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
    AtomicWrite.file(file, temporary -> {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        out.write(body);
        out.write(digest);
      }
    });
  }

  /**
   * Deletes the temporary files of writes to {@code file} that were killed before their rename,
   * and nothing else: {@link AtomicWrite}'s, and {@code checkpoint.bin<digits>.tmp}, as
   * releases before it named them ({@link Files#createTempFile}), which a run folder may still
   * hold.
   */
  public static void removeLeftovers(Path file) throws IOException {
    AtomicWrite.removeLeftovers(file);
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    Pattern own = Pattern.compile(Pattern.quote(file.getFileName().toString()) + "[0-9]+\\.tmp");
    List<Path> leftovers;
    try (Stream<Path> entries = Files.list(dir)) {
      leftovers = entries.filter(p -> own.matcher(p.getFileName().toString()).matches()
          && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
    for (Path leftover : leftovers) {
      Files.deleteIfExists(leftover);
    }
  }

  /** Reads a checkpoint of any model, checking that the file is whole and consistent. */
  public static Checkpoint read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads a checkpoint whose tensors must be exactly {@code expected}'s (names, shapes, order);
   * checked from the header, before any tensor is allocated.
   */
  public static Checkpoint read(Path file, Layout expected) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no checkpoint to resume from");
    }
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw corrupt(file, "it is " + Files.size(file) + " bytes, more than a checkpoint can be");
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
    ByteBuffer body = ByteBuffer.wrap(all, MAGIC.length, all.length - MAGIC.length - DIGEST_BYTES);
    try {
      return CheckpointParser.parse(body.slice(), expected);
    } catch (CheckpointParser.Invalid e) {
      throw corrupt(file, e.getMessage());
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
}
