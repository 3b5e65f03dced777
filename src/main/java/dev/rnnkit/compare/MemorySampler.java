package dev.rnnkit.compare;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.tensorflow.TensorFlow;

/**
 * Samples heap and native memory on a background thread until closed, keeping the peaks. A
 * sampler sees peaks that last at least one interval; that is enough for training, whose
 * buffers live for a whole step.
 */
final class MemorySampler implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong heapPeak = new AtomicLong();
  private final AtomicLong physicalPeak = new AtomicLong();
  private final AtomicLong javacppPeak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private MemorySampler(Duration interval) {
    // Pointer.physicalBytes() is native code that TensorFlow's native library loads along with
    // its own; before any model exists it may not be loaded yet.
    TensorFlow.version();
    sample();
    thread = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "memory-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  static MemorySampler start(Duration interval) {
    return new MemorySampler(interval);
  }

  private void sample() {
    heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    physicalPeak.accumulateAndGet(Pointer.physicalBytes(), Math::max);
    javacppPeak.accumulateAndGet(Pointer.totalBytes(), Math::max);
  }

  /** The peaks so far, including a sample taken now. */
  MemoryPeak peak() {
    sample();
    return new MemoryPeak(heapPeak.get(), physicalPeak.get(), javacppPeak.get());
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
