package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Flatten: each row's steps one after another, a known width, Keras's config. */
class FlattenTest {

  @Test
  void putsEachRowsStepsOneAfterAnother() {
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; // [2][3][2]
    Flatten flatten = new Flatten("flatten");
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 6), flatten.outputShape(Shape.of(-1, 3, 2)));
    assertArrayEquals(x, ConvPoolingKerasTest.run(flatten, x, 2, 3, Shape.of(-1, 3, 2)));
  }

  /** [batch, features] (after an RNN's last step) passes unchanged, as in Keras. */
  @Test
  void leavesAFlatInputAsItIs() {
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 5), new Flatten().outputShape(Shape.of(-1, 5)));
  }

  /**
   * Keras gives an open length a None width, which no later layer takes: refused here, with
   * the fix.
   */
  @Test
  void refusesAnOpenLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Flatten("flatten").outputShape(Shape.of(-1, -1, 4)));
    assertTrue(e.getMessage().contains("needs a known number of time steps")
        && e.getMessage().contains("--time-steps"), e.getMessage());
  }

  @Test
  void kerasConfigRebuildsTheLayerAndChannelsFirstIsRefused() {
    Flatten flatten = new Flatten("flatten");
    assertEquals(Map.of("name", "flatten", "data_format", "channels_last"), flatten.kerasConfig());
    assertEquals(flatten, LayerFactory.fromKerasConfig("Flatten", flatten.kerasConfig()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerFactory.fromKerasConfig("Flatten",
            Map.of("name", "f", "data_format", "channels_first")));
    assertTrue(e.getMessage().contains("channels_first"), e.getMessage());
  }
}
