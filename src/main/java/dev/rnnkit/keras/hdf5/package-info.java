/**
 * A small pure-Java HDF5 writer for exactly what Keras files hold: groups (empty ones included),
 * float32 datasets of any rank, int64 ones (Keras's optimizer step count) and string
 * attributes. RNNKit reads HDF5 with jhdf, but jhdf's
 * writer (0.10 to 0.13) corrupts a file that has an empty group beside datasets: it writes its
 * version trailer over the last object header when that object is a group. Keras needs such
 * groups: every {@code model.weights.h5} has an empty root {@code vars} group, which Keras 3.0 to
 * 3.5 open unconditionally.
 *
 * <p>What is written (HDF5 File Format Specification 3.0): superblock version 2, version-2
 * object headers with lookup3 checksums, links stored in the group's header, contiguous data,
 * fixed-length UTF-8 strings, 8-byte addresses. Build a tree with {@link
 * dev.rnnkit.keras.hdf5.H5Group#builder()} and write it with {@link
 * dev.rnnkit.keras.hdf5.Hdf5Writer}.
 */
package dev.rnnkit.keras.hdf5;
