package dev.rnnkit.model;

/**
 * The batches of {@code batchSize} that cover {@code size} sequences in order, the last one
 * shorter if need be (written so that no sum overflows).
 */
record Batches(int size, int batchSize) {

  int count() {
    return size == 0 ? 0 : (size - 1) / batchSize + 1;
  }

  int from(int batch) {
    return batch * batchSize; // < size, so no overflow
  }

  /** The end of a batch: the next one's start, or the data's end. */
  int to(int batch) {
    return from(batch) + Math.min(batchSize, size - from(batch));
  }
}
