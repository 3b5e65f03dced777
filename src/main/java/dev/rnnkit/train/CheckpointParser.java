package dev.rnnkit.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rnnkit.io.Json;
import dev.rnnkit.model.OptimizerState;
import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a checkpoint's body (header length, JSON header, tensors) whose checksum has been
 * verified. A valid checksum only says the file is as it was written, not that its writer told
 * the truth: every length and shape is checked against the bytes that are really there (and
 * against the model, when one is given) before anything is allocated, so a crafted file gives a
 * message instead of an overflow, a negative array size or an out-of-memory error.
 */
final class CheckpointParser {

  /** Why a body cannot be used; the caller names the file. */
  static final class Invalid extends Exception {
    Invalid(String why) {
      super(why);
    }
  }

  private CheckpointParser() {}

  static Checkpoint parse(ByteBuffer body, CheckpointFile.Layout expected) throws Invalid {
    int headerLength = body.getInt();
    if (headerLength < 0 || headerLength > body.remaining()) {
      throw new Invalid("its header length " + headerLength + " does not fit the "
          + body.remaining() + " bytes that follow it");
    }
    CheckpointFile.Header header = header(body, headerLength);
    body.position(body.position() + headerLength);
    checkTensorBytes(header.tensors(), body.remaining());
    if (expected != null) {
      checkLayout(header.tensors(), expected.tensors());
    }
    body.order(ByteOrder.LITTLE_ENDIAN);
    List<Weight> weights = new ArrayList<>();
    List<Weight> slots = new ArrayList<>();
    for (CheckpointFile.Tensor t : header.tensors()) {
      float[] values = new float[Math.toIntExact(elements(t))];
      body.asFloatBuffer().get(values);
      body.position(body.position() + values.length * Float.BYTES);
      (t.slot() ? slots : weights).add(new Weight(t.name(), t.shape(), values));
    }
    return new Checkpoint(header.fit(), weights, new OptimizerState(header.iterations(), slots),
        header.settings() == null ? Map.of() : new LinkedHashMap<>(header.settings()),
        header.vocabulary());
  }

  private static CheckpointFile.Header header(ByteBuffer body, int length) throws Invalid {
    CheckpointFile.Header header;
    try {
      header = Json.reader().forType(CheckpointFile.Header.class)
          .readValue(body.array(), body.arrayOffset() + body.position(), length);
    } catch (JsonProcessingException e) {
      // FitState checks itself when constructed; its message says more than Jackson's wrapper.
      throw new Invalid("its header is not valid: " + (e.getCause() instanceof IllegalArgumentException
          ? e.getCause().getMessage() : e.getOriginalMessage()));
    } catch (IOException e) {
      throw new Invalid("its header cannot be read: " + e.getMessage());
    }
    if (header == null || header.fit() == null || header.tensors() == null) {
      throw new Invalid("its header lacks the fit state or the tensor list");
    }
    if (header.iterations() < 0) {
      throw new Invalid("its optimizer step count is " + header.iterations());
    }
    return header;
  }

  /** Each tensor's size is sane and all of them together fill exactly the bytes present. */
  private static void checkTensorBytes(List<CheckpointFile.Tensor> tensors, int available)
      throws Invalid {
    long needed = 0;
    for (CheckpointFile.Tensor t : tensors) {
      if (t == null || t.name() == null || t.shape() == null) {
        throw new Invalid("its tensor list has an entry without a name or shape");
      }
      long elements = elements(t);
      if (elements < 0) {
        throw new Invalid("its " + t + " has a negative or impossibly large shape");
      }
      long bytes = elements * Float.BYTES;
      if (bytes > available - needed) {
        throw new Invalid("its " + t + " needs more bytes than the file holds");
      }
      needed += bytes;
    }
    if (needed != available) {
      throw new Invalid("it holds " + (available - needed) + " bytes after its tensors");
    }
  }

  /** The number of values of a tensor; -1 when a dimension is negative or the product overflows. */
  private static long elements(CheckpointFile.Tensor t) {
    long n = 1;
    for (long d : t.shape()) {
      if (d < 0) {
        return -1;
      }
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return n > Long.MAX_VALUE / Float.BYTES ? -1 : n;
  }

  private static void checkLayout(List<CheckpointFile.Tensor> saved,
      List<CheckpointFile.Tensor> model) throws Invalid {
    for (int i = 0; i < Math.min(saved.size(), model.size()); i++) {
      if (!saved.get(i).sameAs(model.get(i))) {
        throw new Invalid("it was saved from another model: it holds " + saved.get(i)
            + " where this model has " + model.get(i));
      }
    }
    if (saved.size() != model.size()) {
      throw new Invalid("it was saved from another model: it holds " + saved.size()
          + " tensors, this model has " + model.size());
    }
  }
}
