package dev.rnnkit.data;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitPolicyTest {

  private static List<LabelledText> texts() {
    List<LabelledText> texts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      texts.add(new LabelledText("text " + i, i < 20 ? 0 : 1));
    }
    return texts;
  }

  @Test
  void thePoliciesAreTheSplitsOfTrainTestSplit() {
    assertEquals(TrainTestSplit.fraction(texts(), 0.2, 3),
        SplitPolicy.EIGHTY_TWENTY.apply(texts(), 3));
    assertEquals(TrainTestSplit.balancedHalves(texts(), 3),
        SplitPolicy.BALANCED_HALVES.apply(texts(), 3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"80-20", "90-10", "50-50", "balanced-halves"})
  void namesParseBackToTheirPolicy(String name) {
    assertEquals(name, SplitPolicy.parse(name).name());
  }

  @Test
  void eightyTwentyIsAFifthForTest() {
    assertEquals(SplitPolicy.EIGHTY_TWENTY, SplitPolicy.parse("80-20"));
    assertEquals(new SplitPolicy.TestFraction(0.1), SplitPolicy.parse("90-10"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"80-30", "100-0", "0-100", "80/20", "halves", "-80-20", ""})
  void otherNamesAreRefusedSayingWhatToUse(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SplitPolicy.parse(name));
    assertMentions(e.getMessage(), "Unknown split '" + name + "'", "use 80-20",
        "or balanced-halves");
  }

  @Test
  void aFractionThatLeavesAPartEmptyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SplitPolicy.TestFraction(1));
    assertThrows(IllegalArgumentException.class, () -> new SplitPolicy.TestFraction(0));
  }
}
