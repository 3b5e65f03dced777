package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
}
