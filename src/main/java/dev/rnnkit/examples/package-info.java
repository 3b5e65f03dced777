/**
 * The training service behind {@code train} and {@code examples}: the article's runs, their
 * output folders (what may be replaced, what killed runs left), resumable fits, fine-tuning and
 * the comparison table.
 *
 * <p>Application: uses the library and {@code report}; only {@code cli} imports it.
 */
package dev.rnnkit.examples;
