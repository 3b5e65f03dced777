package dev.rnnkit.model;

import dev.rnnkit.layers.Noise;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * What a training step feeds a graph's {@link Noise}: the training flag 1 and the seed
 * {@code [model seed, step]}. Nothing for a graph without dropout (or for a run that wants
 * none), so such a run feeds exactly what it fed before dropout existed.
 */
final class DropoutFeed implements AutoCloseable {

  private final Noise noise;
  private final TFloat32 training;
  private final TInt64 seed;

  private DropoutFeed(Noise noise, long modelSeed, long step) {
    this.noise = noise;
    this.training = noise == null ? null : TFloat32.scalarOf(1f);
    this.seed = noise == null ? null : TInt64.vectorOf(modelSeed, step);
  }

  /** The feed of training step {@code step}; {@code noise} null or unused feeds nothing. */
  static DropoutFeed of(Noise noise, long modelSeed, long step) {
    return new DropoutFeed(noise != null && noise.used() ? noise : null, modelSeed, step);
  }

  Session.Runner feed(Session.Runner runner) {
    return noise == null ? runner
        : runner.feed(noise.training(), training).feed(noise.seed(), seed);
  }

  @Override
  public void close() {
    if (noise != null) {
      training.close();
      seed.close();
    }
  }
}
