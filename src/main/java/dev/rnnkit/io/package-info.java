/**
 * The file writing that every library package shares: {@link dev.rnnkit.io.AtomicWrite} replaces
 * a file or a folder whole or not at all (checkpoints, vocabularies, CSV files, model folders,
 * metrics), and {@link dev.rnnkit.io.DiskFullException} names the device and the target when the
 * disk is full.
 *
 * <p>It uses the JDK only and no other RNNKit package, so that every package may use it.
 */
package dev.rnnkit.io;
