package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelBatchesTest {

  @Test
  void resultsComeBackInBatchOrderWhateverThreadRanThem() {
    List<Integer> squares = ParallelBatches.map(100, 3, i -> i * i);
    assertEquals(IntStream.range(0, 100).map(i -> i * i).boxed().toList(), squares);
  }

  @Test
  void everyBatchRunsExactlyOnce() {
    AtomicIntegerArray runs = new AtomicIntegerArray(257);
    ParallelBatches.map(runs.length(), 3, i -> runs.incrementAndGet(i));
    for (int i = 0; i < runs.length(); i++) {
      assertEquals(1, runs.get(i), "batch " + i);
    }
  }

  @Test
  void aFailureWaitsForTheBatchesRunningAndStartsNoMore() {
    // Batch 0 fails while batch 1 is still running on the other thread: map must not return
    // before batch 1 has finished (it holds native tensors in real use), and batch 2 must not start.
    CountDownLatch failed = new CountDownLatch(1);
    AtomicBoolean secondFinished = new AtomicBoolean();
    AtomicIntegerArray started = new AtomicIntegerArray(3);
    assertThrows(IllegalStateException.class, () -> ParallelBatches.map(3, 2, i -> {
      started.incrementAndGet(i);
      if (i == 0) {
        try {
          // Let batch 1 start first, so that both threads are busy when this one fails.
          while (started.get(1) == 0) {
            Thread.onSpinWait();
          }
          throw new IllegalStateException("batch 0 failed");
        } finally {
          failed.countDown();
        }
      }
      if (i == 1) {
        await(failed);
        sleepQuietly(200);
        secondFinished.set(true);
      }
      return i;
    }));
    assertTrue(secondFinished.get(), "map returned before the running batch finished");
    assertEquals(0, started.get(2), "a batch started after the failure");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void batchesRunOnSeveralThreadsAtOnce() throws InterruptedException {
    // Both batches must be running at the same moment for either to pass the latch.
    CountDownLatch bothStarted = new CountDownLatch(2);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Boolean> met = ParallelBatches.map(2, 2, i -> {
      threads.add(Thread.currentThread().getName());
      bothStarted.countDown();
      try {
        return bothStarted.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(List.of(true, true), met);
    assertEquals(2, threads.size());
  }

  @Test
  void oneThreadRunsInTheCallersThread() {
    String caller = Thread.currentThread().getName();
    List<String> names = ParallelBatches.map(3, 1, i -> Thread.currentThread().getName());
    assertEquals(List.of(caller, caller, caller), names);
  }

  @Test
  void theFirstFailureIsRethrownAsItWas() {
    IllegalArgumentException bad = new IllegalArgumentException("batch 7 is bad");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> ParallelBatches.map(20, 2, i -> {
          if (i == 7) {
            throw bad;
          }
          return i;
        }));
    assertSame(bad, thrown);
  }

  @Test
  void noBatchesNoWork() {
    assertTrue(ParallelBatches.map(0, 2, i -> i).isEmpty());
  }
}
