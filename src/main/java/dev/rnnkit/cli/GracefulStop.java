package dev.rnnkit.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) during training: instead of dying mid-step, the JVM's shutdown hook asks the
 * training loop to stop after its current step and waits for it to save a checkpoint.
 */
final class GracefulStop implements AutoCloseable {

  private static final long SAVE_TIMEOUT_SECONDS = 120;

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onShutdown, "rnnkit-graceful-stop");

  GracefulStop() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  boolean requested() {
    return requested.get();
  }

  private void onShutdown() {
    requested.set(true);
    try {
      finished.await(SAVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Training is over (saved or failed): let the JVM exit, and drop the hook if unused. */
  @Override
  public void close() {
    finished.countDown();
    if (!requested.get()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutdown began meanwhile; the hook returns at once now.
      }
    }
  }
}
