/**
 * The file writing and JSON that every library package shares: {@link dev.rnnkit.io.AtomicWrite}
 * replaces a file or a folder whole or not at all (checkpoints, vocabularies, CSV files, model
 * folders, metrics), {@link dev.rnnkit.io.DiskFullException} names the device and the target when
 * the disk is full, and {@link dev.rnnkit.io.Json} is RNNKit's one JSON configuration.
 *
 * <p>It uses the JDK and Jackson only, no other RNNKit package, so that every package may use it.
 */
package dev.rnnkit.io;
