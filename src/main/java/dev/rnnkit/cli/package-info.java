/**
 * The command line, {@code java -jar rnnkit.jar COMMAND}: one class per command, picocli mixins
 * for the options commands share (data, training, architecture), error messages without stack
 * traces, help wrapped at spaces, and the launcher that runs a command in a child JVM so that
 * only RNNKit's own lines are printed.
 *
 * <p>Application: may use every package; nothing imports it.
 */
package dev.rnnkit.cli;
