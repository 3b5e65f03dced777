/**
 * {@code bench}: training and inference samples per second, the machine's peak MatMul rate,
 * serving latency percentiles and throughput, start-up, and op profiles of a training step.
 * Figures, never pass/fail.
 *
 * <p>Application: uses the library; {@code cli} and {@code compare} (for its statistics) import
 * it.
 */
package dev.rnnkit.bench;
