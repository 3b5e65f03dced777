package dev.rnnkit.savedmodel.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TensorFlow's TFRecord file format, which TF Serving reads its warm-up requests from: each
 * record is its length (uint64, little-endian), the masked CRC32C of those 8 bytes (uint32), the
 * data, and the masked CRC32C of the data (uint32). TensorFlow masks a CRC so that a CRC of data
 * that itself holds CRCs stays informative: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}.
 */
final class TfRecordFile {

  private static final int LENGTH_BYTES = 8;
  private static final int CRC_BYTES = 4;
  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecordFile() {}

  /** Writes {@code records} as a TFRecord stream. */
  static void write(OutputStream out, List<byte[]> records) throws IOException {
    for (byte[] data : records) {
      ByteBuffer header = little(LENGTH_BYTES + CRC_BYTES).putLong(data.length);
      header.putInt(maskedCrc(header.array(), 0, LENGTH_BYTES));
      out.write(header.array());
      out.write(data);
      out.write(little(CRC_BYTES).putInt(maskedCrc(data, 0, data.length)).array());
    }
  }

  /**
   * The records of a TFRecord file, each CRC checked as TensorFlow's reader checks it.
   *
   * @throws IOException naming the record and what is wrong when the file is cut short or a
   *     length or data CRC does not match (a damaged file)
   */
  static List<byte[]> read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> records = new ArrayList<>();
    while (in.hasRemaining()) {
      int number = records.size() + 1;
      require(in, LENGTH_BYTES + CRC_BYTES, file, number, "length");
      byte[] lengthBytes = new byte[LENGTH_BYTES];
      in.get(lengthBytes);
      check(in.getInt(), maskedCrc(lengthBytes, 0, LENGTH_BYTES), file, number, "length");
      long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (length < 0 || length > in.remaining() - CRC_BYTES) {
        throw damaged(file, number, "says it holds " + Long.toUnsignedString(length)
            + " bytes, but only " + Math.max(0, in.remaining() - CRC_BYTES) + " follow");
      }
      byte[] data = new byte[(int) length];
      in.get(data);
      check(in.getInt(), maskedCrc(data, 0, data.length), file, number, "data");
      records.add(data);
    }
    return records;
  }

  /** TensorFlow's masked CRC32C (crc32c::Mask). */
  static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }

  private static ByteBuffer little(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void require(ByteBuffer in, int bytes, Path file, int number, String part)
      throws IOException {
    if (in.remaining() < bytes) {
      throw damaged(file, number, "is cut short in its " + part + " header (" + in.remaining()
          + " of " + bytes + " bytes)");
    }
  }

  private static void check(int stored, int computed, Path file, int number, String part)
      throws IOException {
    if (stored != computed) {
      throw damaged(file, number, "has a bad " + part + " CRC (stored "
          + Integer.toHexString(stored) + ", computed " + Integer.toHexString(computed) + ")");
    }
  }

  private static IOException damaged(Path file, int number, String problem) {
    return new IOException("The TFRecord file " + file + " is damaged: record " + number + " "
        + problem + ". Write it again (export-serving --force with the same --version)");
  }
}
