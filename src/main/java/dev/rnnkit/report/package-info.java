/**
 * Reports and plots: learning curves (XChart), Markdown documents and their HTML rendering
 * (commonmark-java with GFM tables), PNG images with RNNKit's mark.
 *
 * <p>Application: uses no other RNNKit package; {@code examples}, {@code compare} and
 * {@code cli} import it.
 */
package dev.rnnkit.report;
