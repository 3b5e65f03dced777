package dev.rnnkit.data;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SampleSizesTest {

  private static final SequenceData TEN = SyntheticTask.tokens(10, 5, 100, 1);

  @Test
  void realDataIsCutToAtMostTheSize() {
    assertSame(TEN, SampleSizes.ALL.ofTrain(TEN));
    assertEquals(4, new SampleSizes(4, 0).ofTrain(TEN).size());
    assertEquals(10, new SampleSizes(4, 0).ofTest(TEN).size());
    assertEquals(10, SampleSizes.each(20).ofTest(TEN).size());
  }

  @Test
  void generatedDataTakesTheSizeOrTheDefault() {
    assertEquals(4000, SampleSizes.ALL.trainOr(4000));
    assertEquals(5000, new SampleSizes(5000, 0).trainOr(4000));
    assertEquals(1000, new SampleSizes(5000, 0).testOr(1000));
  }

  @Test
  void negativeSizesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SampleSizes(-1, 3));
    assertMentions(e.getMessage(), "must be 0 (all) or positive", "-1 training and 3 test");
  }
}
