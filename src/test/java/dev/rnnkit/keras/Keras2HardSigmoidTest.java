package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentOptions;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tf.keras 2's hard_sigmoid is another formula than Keras 3's: refused by name in Keras 2 files. */
class Keras2HardSigmoidTest {

  private static ImportedModel imported(String version, Layer layer) {
    Sequential arch = Sequential.of(InputSpec.features(3, 2), layer);
    return new ImportedModel(arch, List.of(), new ImportMetadata(KerasFormat.LEGACY_H5,
        Path.of("model.h5"), "sequential", version, List.of(), Map.of()));
  }

  private static GRU gru(Activation recurrent) {
    return new GRU("gru", 2, false, true,
        RecurrentOptions.DEFAULTS.withRecurrentActivation(recurrent));
  }

  @Test
  void aKeras2RecurrentHardSigmoidIsRefusedByName() {
    UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
        () -> Keras2HardSigmoid.check(imported("2.15.0", gru(Activation.HARD_SIGMOID))));
    assertEquals("recurrent_activation", e.option());
    assertEquals("gru", e.layerName());
    assertTrue(e.getMessage().contains("Keras 2.15.0") && e.getMessage().contains("0.2x"),
        e.getMessage());
  }

  @Test
  void aKeras2DenseHardSigmoidAndAnUnknownVersionAreRefusedToo() {
    UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
        () -> Keras2HardSigmoid.check(
            imported("unknown", new Dense("dense", 1, Activation.HARD_SIGMOID))));
    assertEquals("activation", e.option());
    UnsupportedKerasFeatureException wrapped = assertThrows(
        UnsupportedKerasFeatureException.class, () -> Keras2HardSigmoid.check(imported("2.15.0",
            new TimeDistributed("td", new Dense("dense", 1, Activation.HARD_SIGMOID)))));
    assertEquals("activation", wrapped.option());
    assertEquals("td", wrapped.layerName());
  }

  @Test
  void keras3HardSigmoidAndKeras2SigmoidPass() {
    ImportedModel keras3 = imported("3.15.1", gru(Activation.HARD_SIGMOID));
    assertSame(keras3, Keras2HardSigmoid.check(keras3));
    ImportedModel keras2 = imported("2.15.0", gru(Activation.SIGMOID));
    assertSame(keras2, Keras2HardSigmoid.check(keras2));
  }

  @Test
  void aLegacyH5WithHardSigmoidRecordsAKeras3Version() {
    assertEquals("2.15.0", Keras2HardSigmoid.legacyH5Version(
        Sequential.of(InputSpec.features(3, 2), gru(Activation.SIGMOID)), "2.15.0"));
    assertEquals(KerasArchiveWriter.KERAS_VERSION, Keras2HardSigmoid.legacyH5Version(
        Sequential.of(InputSpec.features(3, 2), gru(Activation.HARD_SIGMOID)), "2.15.0"));
  }
}
