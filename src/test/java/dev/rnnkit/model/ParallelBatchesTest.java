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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelBatchesTest {

  @Test
  void resultsComeBackInBatchOrderWhateverThreadRanThem() {
    List<Integer> squares = ParallelBatches.map(100, 3, i -> i * i);
    assertEquals(IntStream.range(0, 100).map(i -> i * i).boxed().toList(), squares);
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
