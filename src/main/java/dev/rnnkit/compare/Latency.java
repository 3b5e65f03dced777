package dev.rnnkit.compare;

/**
 * Inference latency of one model, in milliseconds of wall time per {@code predict} call (tensor
 * creation, the session run and copying the output back), after warm-up.
 *
 * @param batchRows sequences in the timed batch
 */
public record Latency(
    double singleMedianMillis, double singleP90Millis, double batchMedianMillis,
    double batchP90Millis, int batchRows) {}
