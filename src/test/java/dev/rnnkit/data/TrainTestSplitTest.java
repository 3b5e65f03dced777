package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainTestSplitTest {

  /** 40 texts of class 0 then 60 of class 1, all different. */
  private static List<LabelledText> texts() {
    List<LabelledText> texts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      texts.add(new LabelledText("text " + i, i < 40 ? 0 : 1));
    }
    return texts;
  }

  private static long count(List<LabelledText> texts, int label) {
    return texts.stream().filter(t -> t.label() == label).count();
  }

  private static List<LabelledText> rows(int count) {
    return texts().subList(0, count);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.2, 0.1, 0.5, 0.75, 0.9, 0.01})
  void theStatedMinimumOfRowsIsTheOneEnforced(double testFraction) {
    IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
        () -> TrainTestSplit.fraction(rows(1), testFraction, 7));
    Matcher stated = Pattern.compile("give at least (\\d+) rows").matcher(tooFew.getMessage());
    assertTrue(stated.find(), tooFew.getMessage());
    int minimum = Integer.parseInt(stated.group(1));
    TrainTestSplit split = TrainTestSplit.fraction(rows(minimum), testFraction, 7);
    assertEquals(minimum, split.train().size() + split.test().size());
    assertThrows(IllegalArgumentException.class,
        () -> TrainTestSplit.fraction(rows(minimum - 1), testFraction, 7));
  }

  @Test
  void aFifthForTestNeedsThreeRows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainTestSplit.fraction(rows(2), 0.2, 7));
    assertEquals("Too few rows (2) to split into a training part and a test part (20%) of at"
        + " least one row each: give at least 3 rows", e.getMessage());
    TrainTestSplit split = TrainTestSplit.fraction(rows(3), 0.2, 7);
    assertEquals(List.of(2, 1), List.of(split.train().size(), split.test().size()));
  }

  @Test
  void eachClassIsCutInHalf() {
    TrainTestSplit split = TrainTestSplit.balancedHalves(texts(), 7);
    assertEquals(20, count(split.train(), 0));
    assertEquals(30, count(split.train(), 1));
    assertEquals(20, count(split.test(), 0));
    assertEquals(30, count(split.test(), 1));
  }

  @Test
  void partsAreDisjointAndCoverEveryText() {
    TrainTestSplit split = TrainTestSplit.balancedHalves(texts(), 7);
    Set<LabelledText> all = new HashSet<>(split.train());
    all.addAll(split.test());
    assertEquals(new HashSet<>(texts()), all);
    assertEquals(100, split.train().size() + split.test().size());
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    assertEquals(TrainTestSplit.balancedHalves(texts(), 7), TrainTestSplit.balancedHalves(texts(), 7));
    assertNotEquals(TrainTestSplit.balancedHalves(texts(), 7).train(),
        TrainTestSplit.balancedHalves(texts(), 8).train());
  }

  @Test
  void classesAreMixedNotInBlocks() {
    List<LabelledText> train = TrainTestSplit.balancedHalves(texts(), 7).train();
    assertNotEquals(20, count(train.subList(0, 20), 0), "the first 20 should not all be class 0");
  }

  @Test
  void oddClassSizeGivesTheExtraTextToTest() {
    List<LabelledText> texts = List.of(new LabelledText("a", 0), new LabelledText("b", 0),
        new LabelledText("c", 0), new LabelledText("d", 1));
    TrainTestSplit split = TrainTestSplit.balancedHalves(texts, 1);
    assertEquals(1, split.train().size());
    assertEquals(3, split.test().size());
  }

  @Test
  void balancedHalvesCutsEveryClassOfAMultiClassTask() {
    List<LabelledText> texts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      texts.add(new LabelledText("text " + i, i % 3));
    }
    texts.add(new LabelledText("one more of class 2", 2));
    TrainTestSplit split = TrainTestSplit.balancedHalves(texts, 7);
    assertEquals(List.of(5L, 5L, 5L), List.of(count(split.train(), 0), count(split.train(), 1),
        count(split.train(), 2)));
    // An odd count gives the extra text to the test part, as for binary data.
    assertEquals(List.of(5L, 5L, 6L), List.of(count(split.test(), 0), count(split.test(), 1),
        count(split.test(), 2)));
  }
}
