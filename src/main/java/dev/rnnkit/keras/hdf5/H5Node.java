package dev.rnnkit.keras.hdf5;

/** An object of an HDF5 file to write: a group or a dataset. */
public sealed interface H5Node permits H5Group, H5Dataset {}
