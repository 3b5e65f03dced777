/**
 * {@code compare}: the article's claims about LSTM and GRU measured on the same data, seeds and
 * budget (parameters, time, latency, memory, accuracy, a long-range task), with a verdict per
 * claim from Welch's t-test, and the report that shows them.
 *
 * <p>Application: uses the library, {@code report} and {@code bench}'s statistics; only
 * {@code cli} imports it.
 */
package dev.rnnkit.compare;
