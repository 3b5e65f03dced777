package dev.rnnkit.compare;

/**
 * The highest memory figures seen while one model trained and ran.
 *
 * @param heapBytes JVM heap in use ({@code MemoryMXBean.getHeapMemoryUsage().getUsed()})
 * @param physicalBytes the whole process's resident memory as JavaCPP reads it ({@code
 *     Pointer.physicalBytes()}): heap, TensorFlow's native buffers, code, everything
 * @param javacppBytes native memory JavaCPP's deallocators track ({@code Pointer.totalBytes()});
 *     TensorFlow allocates its tensors itself, so this stays small, often 0
 */
public record MemoryPeak(long heapBytes, long physicalBytes, long javacppBytes) {}
