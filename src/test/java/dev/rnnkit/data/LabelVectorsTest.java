package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** Label vectors in SequenceData: Keras's to_categorical, batches, subsets and refusals. */
class LabelVectorsTest {

  private static final int[][] IDS = {{1, 2}, {3, 4}, {5, 6}};

  @Test
  void toCategoricalIsKerasOneHot() {
    assertArrayEquals(new float[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}},
        SequenceData.toCategorical(new int[] {1, 2, 0}, 3));
    // num_classes=None: the largest id + 1.
    assertArrayEquals(new float[][] {{0, 0, 0, 1}, {1, 0, 0, 0}},
        SequenceData.toCategorical(new int[] {3, 0}, 0));
    assertMessage(() -> SequenceData.toCategorical(new int[] {1, 3}, 3), "Class 3",
        "[0, 3)");
    assertMessage(() -> SequenceData.toCategorical(new int[] {-1}, 3), "Class -1");
  }

  @Test
  void batchesAndSubsetsCarryTheVectors() {
    float[][] rows = {{1, 0, 0}, {0.25f, 0.25f, 0.5f}, {0, 0, 1}};
    SequenceData data = SequenceData.ofTokens(IDS, null).withLabelVectors(rows);
    assertEquals(3, data.labelVectorSize());
    assertArrayEquals(rows[1], data.labelVector(1));
    try (TFloat32 batch = data.labelBatch(new int[] {2, 0, 1}, 1, 3)) {
      assertEquals(Shape.of(2, 3), batch.shape());
      assertEquals(1f, batch.getFloat(0, 0));
      assertEquals(0.5f, batch.getFloat(1, 2));
    }
    SequenceData subset = data.subset(new int[] {2, 1});
    assertArrayEquals(rows[2], subset.labelVector(0));
    assertArrayEquals(rows[1], subset.labelVector(1));
    SequenceData ragged = SequenceData.ofRaggedTokens(new int[][] {{1}, {2, 3, 4}, {5, 6}},
        new float[] {2, 0, 1}).withCategoricalLabels(3);
    assertArrayEquals(new float[] {0, 0, 1}, ragged.labelVector(0));
    assertArrayEquals(new float[] {0, 1, 0}, ragged.slice(1, 3).labelVector(1));
    assertEquals(3, ragged.slice(1, 3).length(0));
    assertMessage(() -> data.label(0), IllegalStateException.class, "labelVector(i)");
  }

  @Test
  void scalarLabelsKeepTheirShapeAndDigest() throws Exception {
    SequenceData scalar = SequenceData.ofTokens(IDS, new float[] {0, 1, 1});
    try (TFloat32 batch = scalar.labelBatch(scalar.naturalOrder(), 0, 3)) {
      assertEquals(Shape.of(3), batch.shape());
    }
    assertEquals(0, scalar.labelVectorSize());
    // One-hot vectors are other content than the class indices they encode.
    assertTrue(!MessageDigest.isEqual(digest(scalar),
        digest(scalar.withCategoricalLabels(2))));
  }

  @Test
  void badVectorsAreRefusedWithTheFix() {
    SequenceData data = SequenceData.ofTokens(IDS, null);
    assertMessage(() -> data.withLabelVectors(new float[][] {{1, 0}, {0, 1}}), "3 sequences",
        "2 label vectors");
    assertMessage(() -> data.withLabelVectors(new float[][] {{1, 0}, {0, 1, 0}, {1, 0}}),
        "Label vector 1 has 3 values");
    assertMessage(() -> data.withLabelVectors(new float[][] {{1, 0}, {-0.5f, 1}, {1, 0}}),
        "Label vector 1", "-0.5", "at least 0");
    assertMessage(() -> data.withLabelVectors(new float[][] {{1, 0}, {0, 1}, {Float.NaN, 0}}),
        "Label vector 2", "NaN");
    assertMessage(() -> SequenceData.ofTokens(IDS, new float[] {0, 1.5f, 1})
        .withCategoricalLabels(3), "1.5", "not a class index");
    assertMessage(() -> data.withCategoricalLabels(3), "no labels");
  }

  private static byte[] digest(SequenceData data) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    data.addTo(digest);
    return digest.digest();
  }

  private static void assertMessage(Executable call, String... fragments) {
    assertMessage(call, IllegalArgumentException.class, fragments);
  }

  private static void assertMessage(Executable call, Class<? extends RuntimeException> type,
      String... fragments) {
    RuntimeException e = assertThrows(type, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
    }
  }
}
