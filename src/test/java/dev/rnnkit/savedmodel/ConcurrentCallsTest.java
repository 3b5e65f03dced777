package dev.rnnkit.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import dev.rnnkit.savedmodel.export.ModelExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One loaded model serves many threads at once: a soak test of 8 threads calling an RNNKit export
 * through {@link SavedModel#call}, {@link SavedModel#callWithValues} and {@link Model#predict},
 * checking every answer against the single-threaded one, bit for bit, and that no native tensor
 * is left behind.
 *
 * <p>Calls per thread: {@value #DEFAULT_CALLS} by default (the class runs in a few seconds); set
 * {@code -Drnnkit.soak.calls=10000} or {@code RNNKIT_SOAK_CALLS=10000} for a long soak.
 */
class ConcurrentCallsTest {

  static final int THREADS = 8;
  static final int DEFAULT_CALLS = 500;
  /**
   * Calls per thread before memory is measured, at least: TensorFlow's thread pools, the C
   * allocator's per-thread arenas and the JIT's code grow over the first thousands of calls, then
   * stay flat. A quarter of the soak's calls are added.
   */
  static final int MIN_WARM_UP_CALLS = 100;
  /** Live JavaCPP pointers may differ by a few between two quiet moments, not by a call's worth. */
  static final long POINTER_TOLERANCE = 16;
  /**
   * Resident memory is the coarse check: with 8 threads the C allocator's arenas grow and give
   * memory back at their own pace, so it swings by up to about 100 MiB between samples while the
   * Java heap stays the same. A native leak outside JavaCPP's count grows it steadily; over the
   * second half of a long soak (40,000 calls) this catches one of about 3 KiB per call. The live
   * pointer count is the exact check for tensors.
   */
  static final long RESIDENT_TOLERANCE_BYTES = 128L << 20;

  @TempDir static Path tmp;
  private static Model model;
  private static Path exported;

  @BeforeAll
  static void exportModel() throws IOException {
    exported = tmp.resolve("gru");
    model = ExportFixtures.savedModel(ArticleModels.Cell.GRU, true, 11, exported);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static int callsPerThread() {
    String env = System.getenv("RNNKIT_SOAK_CALLS");
    return Integer.getInteger("rnnkit.soak.calls", env == null ? DEFAULT_CALLS : Integer.parseInt(env));
  }

  /** What one call answers, in a form that compares exactly. */
  private record Answer(float[] probabilities, float[] steps, JsonNode texts, float[][] predicted) {
    void assertSame(Answer expected, String what) {
      if (expected.probabilities != null) {
        assertArrayEquals(expected.probabilities, probabilities, 0f, what);
        assertArrayEquals(expected.steps, steps, 0f, what);
      }
      if (expected.texts != null) {
        assertEquals(expected.texts, texts, what);
      }
      if (expected.predicted != null) {
        assertArrayEquals(expected.predicted, predicted, what);
      }
    }
  }

  /** Call number {@code i} of a thread: the three ways of calling the model, in turn. */
  private static Answer call(SavedModel saved, int i) {
    switch (i % 3) {
      case 0 -> {
        try (TInt32 ids = ExportFixtures.ids()) {
          Map<String, Tensor> out = saved.call(ModelExporter.IDS_SIGNATURE, Map.of("token_ids", ids));
          try {
            return new Answer(floats(out.get("probabilities")), floats(out.get("step_probabilities")),
                null, null);
          } finally {
            out.values().forEach(Tensor::close);
          }
        }
      }
      case 1 -> {
        JsonNode json = saved.callWithValues(ModelExporter.TEXT_SIGNATURE,
            Map.of("text", ExportFixtures.TEXTS)).get("probabilities");
        return new Answer(null, null, json, null);
      }
      default -> {
        return new Answer(null, null, null,
            model.predict(SequenceData.ofTokens(ExportFixtures.EXPECTED_IDS, null), 3));
      }
    }
  }

  private static float[] floats(Tensor tensor) {
    TFloat32 t = (TFloat32) tensor;
    float[] values = new float[Math.toIntExact(t.size())];
    t.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  @Test
  void eightThreadsGetTheSingleThreadedAnswersAndLeaveNoTensorBehind() throws Exception {
    int calls = callsPerThread();
    try (SavedModel saved = SavedModel.load(exported)) {
      long idle = MemorySample.take().livePointers(); // no call has run on this model yet
      List<Answer> expected = List.of(call(saved, 0), call(saved, 1), call(saved, 2));

      int warmUp = Math.max(MIN_WARM_UP_CALLS, calls / 4);
      runInThreads(thread -> {
        for (int i = 0; i < warmUp; i++) {
          call(saved, i + thread);
        }
      });
      // Memory is sampled after each half: warm-up growth shows in the first, a leak in both.
      MemorySample start = MemorySample.take();
      long began = System.nanoTime();
      List<MemorySample> halves = new ArrayList<>();
      for (int half = 0; half < 2; half++) {
        int first = half * calls / 2;
        int last = (half + 1) * calls / 2;
        runInThreads(thread -> {
          for (int i = first; i < last; i++) {
            int kind = (i + thread) % 3;
            call(saved, kind).assertSame(expected.get(kind), "thread " + thread + ", call " + i);
          }
        });
        halves.add(MemorySample.take());
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      MemorySample middle = halves.get(0);
      MemorySample end = halves.get(1);
      System.out.printf(Locale.ROOT, "Soak: %d threads x %d calls in %.1f s (%.0f calls/s, memory"
              + " sampling included); live native pointers %d, %d, %d, %d; resident memory"
              + " outside the Java heap %.1f, %.1f, %.1f MiB (after warm-up, half, all)%n", THREADS,
          calls, seconds, THREADS * calls / seconds, idle, start.livePointers(), middle.livePointers(),
          end.livePointers(), start.outsideHeap() / MIB, middle.outsideHeap() / MIB,
          end.outsideHeap() / MIB);
      for (MemorySample sample : List.of(start, middle, end)) {
        long alive = sample.livePointers() - idle;
        assertTrue(alive <= POINTER_TOLERANCE, alive + " native pointers more than before the"
            + " first call are alive between calls: tensors were left unclosed");
      }
      long secondHalfGrowth = end.outsideHeap() - middle.outsideHeap();
      assertTrue(secondHalfGrowth <= RESIDENT_TOLERANCE_BYTES, "resident memory outside the"
          + " Java heap grew by " + secondHalfGrowth / MIB + " MiB over the second "
          + THREADS * calls / 2 + " calls");
    }
  }

  @Test
  void closeWaitsForCallsInProgressAndRefusesLaterOnes() throws Exception {
    SavedModel saved = SavedModel.load(exported);
    CountDownLatch calling = new CountDownLatch(THREADS);
    AtomicInteger answered = new AtomicInteger();
    List<Throwable> endings = Collections.synchronizedList(new ArrayList<>());
    List<Answer> expected = List.of(call(saved, 0), call(saved, 1)); // both SavedModel paths

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int t = 0; t < THREADS; t++) {
        pool.submit(() -> {
          calling.countDown();
          try {
            for (int i = 0; ; i++) {
              call(saved, i % 2).assertSame(expected.get(i % 2), "call " + i);
              answered.incrementAndGet();
            }
          } catch (Throwable e) {
            endings.add(e);
          }
        });
      }
      calling.await();
      Thread.sleep(100);
      saved.close();
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    }
    assertTrue(answered.get() > 0);
    assertEquals(THREADS, endings.size());
    for (Throwable ending : endings) {
      // Every call either answered right or was refused cleanly: none saw a half-closed session.
      assertTrue(ending instanceof IllegalStateException
          && ending.getMessage().contains("has been closed"), ending::toString);
    }
    IllegalStateException after = assertThrows(IllegalStateException.class, () -> call(saved, 1));
    assertTrue(after.getMessage().contains("has been closed"), after.getMessage());
    saved.close(); // a second close does nothing
  }

  private static final double MIB = 1 << 20;

  /**
   * Memory at a quiet moment: JavaCPP's live pointers (every native tensor not yet closed is one)
   * and the process's resident memory minus the Java heap's committed size, so that the heap
   * growing or shrinking with garbage does not count as a native leak.
   */
  private record MemorySample(long livePointers, long outsideHeap) {
    static MemorySample take() throws InterruptedException {
      // Pointers first: a garbage collection would free the tensors a call forgot to close
      // (JavaCPP frees unreachable pointers), hiding exactly the leak to be found.
      long livePointers = Pointer.totalCount();
      System.gc();
      Thread.sleep(100);
      return new MemorySample(livePointers,
          Pointer.physicalBytes() - Runtime.getRuntime().totalMemory());
    }
  }

  /** Runs {@code work(thread)} in {@value #THREADS} threads at once and rethrows the first failure. */
  private static void runInThreads(ThreadWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch ready = new CountDownLatch(THREADS);
      List<Future<Void>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<Void> task = () -> {
          ready.countDown();
          ready.await(); // all start together, for the most overlap
          work.run(thread);
          return null;
        };
        futures.add(pool.submit(task));
      }
      for (Future<Void> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @FunctionalInterface
  private interface ThreadWork {
    void run(int thread) throws Exception;
  }
}
