package dev.rnnkit.compare;

import dev.rnnkit.train.Callback;
import dev.rnnkit.train.FitContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.tensorflow.TensorFlow;

/**
 * Samples heap and native memory on a background thread until closed, keeping the peaks. As a
 * fit's callback it starts with the fit, unless {@link #start()} started it earlier (to include
 * building the model), and it goes on after the fit until closed (to include what runs next).
 * A sampler sees peaks that last at least one interval; that is enough for training, whose
 * buffers live for a whole step.
 */
final class MemorySampler implements Callback, AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong heapPeak = new AtomicLong();
  private final AtomicLong physicalPeak = new AtomicLong();
  private final AtomicLong javacppPeak = new AtomicLong();
  private final Duration interval;
  private Thread thread;
  private volatile boolean running = true;

  MemorySampler(Duration interval) {
    this.interval = interval;
  }

  /** Starts sampling now, unless it already has. */
  synchronized void start() {
    if (thread != null) {
      return;
    }
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

  @Override
  public void onTrainBegin(FitContext fit) {
    start();
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
  public synchronized void close() {
    running = false;
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
