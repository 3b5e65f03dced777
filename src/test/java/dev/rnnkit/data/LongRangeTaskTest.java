package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongRangeTaskTest {

  private static final int WINDOW = LongRangeTask.DEFAULT_WINDOW;

  @ParameterizedTest
  @ValueSource(ints = {5, 50, 400})
  void labelIsWhetherTheMarkerIsInTheFirstPositions(int length) {
    SequenceData data = LongRangeTask.generate(1000, length, 100, WINDOW, 7);
    assertEquals(1000, data.size());
    assertEquals(length, data.timeSteps());
    for (int i = 0; i < data.size(); i++) {
      int[] tokens = data.tokensOf(i);
      assertEquals(LongRangeTask.label(tokens, WINDOW), data.label(i), "sequence " + i);
      // Nothing after the window says anything about the label.
      for (int t = WINDOW; t < length; t++) {
        assertNotEquals(LongRangeTask.MARKER_ID, tokens[t], "marker after the window in " + i);
      }
    }
  }

  @Test
  void labelsAreBalanced() {
    for (int n : new int[] {2, 101, 1000}) {
      SequenceData data = LongRangeTask.generate(n, 20, 100, WINDOW, n);
      int positives = 0;
      for (int i = 0; i < n; i++) {
        positives += (int) data.label(i);
      }
      assertEquals(n / 2, positives, "n = " + n);
    }
  }

  @Test
  void markerPositionsCoverTheWholeWindow() {
    SequenceData data = LongRangeTask.generate(2000, 30, 100, WINDOW, 3);
    int[] seenAt = new int[WINDOW];
    for (int i = 0; i < data.size(); i++) {
      int[] tokens = data.tokensOf(i);
      int markers = 0;
      for (int t = 0; t < WINDOW; t++) {
        if (tokens[t] == LongRangeTask.MARKER_ID) {
          seenAt[t]++;
          markers++;
        }
      }
      assertEquals(data.label(i) == 1f ? 1 : 0, markers, "one marker per positive sequence");
    }
    for (int count : seenAt) {
      assertTrue(count > 120, "each of the 1000 markers falls in 5 positions: " + Arrays.toString(seenAt));
    }
  }

  @Test
  void fillerAfterTheWindowIsIndependentOfTheLabel() {
    // The tail's token mix is the same in both classes: mean id and frequency of each id agree
    // within sampling noise (about 1/sqrt(count)).
    int length = 60;
    int vocabulary = 12;
    SequenceData data = LongRangeTask.generate(4000, length, vocabulary, WINDOW, 11);
    double[][] counts = new double[2][vocabulary];
    double[] totals = new double[2];
    for (int i = 0; i < data.size(); i++) {
      int label = (int) data.label(i);
      int[] tokens = data.tokensOf(i);
      for (int t = WINDOW; t < length; t++) {
        counts[label][tokens[t]]++;
        totals[label]++;
      }
    }
    for (int id = LongRangeTask.FIRST_FILLER_ID; id < vocabulary; id++) {
      double negative = counts[0][id] / totals[0];
      double positive = counts[1][id] / totals[1];
      assertEquals(negative, positive, 0.01, "share of id " + id);
      assertEquals(1.0 / (vocabulary - LongRangeTask.FIRST_FILLER_ID), positive, 0.01);
    }
    assertEquals(0, counts[0][0] + counts[1][0], "id 0 stays padding");
  }

  @Test
  void sameSeedSameDataOtherSeedOtherData() {
    SequenceData a = LongRangeTask.generate(50, 40, 100, WINDOW, 5);
    SequenceData b = LongRangeTask.generate(50, 40, 100, WINDOW, 5);
    SequenceData c = LongRangeTask.generate(50, 40, 100, WINDOW, 6);
    boolean differs = false;
    for (int i = 0; i < 50; i++) {
      assertTrue(Arrays.equals(a.tokensOf(i), b.tokensOf(i)));
      assertEquals(a.label(i), b.label(i));
      differs |= !Arrays.equals(a.tokensOf(i), c.tokensOf(i));
    }
    assertTrue(differs);
  }

  @Test
  void idsStayInTheVocabulary() {
    SequenceData data = LongRangeTask.generate(300, 25, 7, WINDOW, 1);
    assertEquals(-1, data.firstSequenceWithTokenOutside(7));
    assertFalse(data.tokenRange()[0] < LongRangeTask.MARKER_ID);
  }

  @Test
  void refusesImpossibleSettings() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> LongRangeTask.generate(10, 3, 100, 5, 1)).getMessage().contains("window"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> LongRangeTask.generate(10, 20, 2, 5, 1)).getMessage().contains("vocabulary"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> LongRangeTask.generate(1, 20, 100, 5, 1)).getMessage().contains("at least 2"));
  }
}
