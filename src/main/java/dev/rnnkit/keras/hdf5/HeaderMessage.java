package dev.rnnkit.keras.hdf5;

/**
 * One message of an object header.
 *
 * @param type the message type (HDF5 spec IV.A.2)
 * @param flags the message flags byte
 * @param body the encoded message data
 * @param what what the message holds, for errors ("attribute 'layer_names'")
 */
record HeaderMessage(int type, int flags, byte[] body, String what) {}
