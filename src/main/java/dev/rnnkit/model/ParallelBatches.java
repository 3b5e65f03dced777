package dev.rnnkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Independent batches of a forward pass (evaluation, prediction) run by several threads through
 * one session. A session runs one op per core with one thread inside it, and a forward pass is
 * mostly one long op (a fused LSTM, or a GRU's chain of steps), so one batch at a time keeps one
 * core busy; two batches at once keep both. Results come back in batch order, so sums over them
 * are the same as one batch after another.
 */
final class ParallelBatches {

  private ParallelBatches() {}

  /**
   * {@code batch.apply(i)} for every i in [0, batches), on up to {@code threads} threads (the
   * caller's among them). The first failure stops the others from starting new batches and is
   * rethrown as it was.
   */
  static <R> List<R> map(int batches, int threads, IntFunction<R> batch) {
    Object[] results = new Object[batches];
    int workers = Math.min(threads, batches);
    if (workers <= 1) {
      for (int i = 0; i < batches; i++) {
        results[i] = batch.apply(i);
      }
      return asList(results);
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable work = () -> {
      for (int i = next.getAndIncrement(); i < batches && failure.get() == null;
          i = next.getAndIncrement()) {
        try {
          results[i] = batch.apply(i);
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        }
      }
    };
    List<Thread> helpers = new ArrayList<>();
    try {
      for (int w = 1; w < workers; w++) {
        Thread t = new Thread(work, "rnnkit-batch-" + w);
        t.setDaemon(true);
        t.start();
        helpers.add(t);
      }
      work.run();
    } catch (RuntimeException | Error e) {
      // No thread could be started: stop handing out batches, let the running ones finish.
      failure.compareAndSet(null, e);
    } finally {
      joinAll(helpers);
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return asList(results);
  }

  private static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          // The helpers hold native tensors: wait for them, then restore the interrupt.
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> List<R> asList(Object[] results) {
    List<R> list = new ArrayList<>(results.length);
    for (Object r : results) {
      list.add((R) r);
    }
    return list;
  }
}
