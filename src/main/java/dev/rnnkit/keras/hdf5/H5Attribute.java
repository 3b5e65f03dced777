package dev.rnnkit.keras.hdf5;

import java.util.List;

/**
 * A string attribute: one string (an HDF5 scalar) or a list of strings (a 1-D array), written as
 * fixed-length UTF-8 strings. h5py reads them as bytes, which Keras's legacy loader decodes;
 * jhdf reads them as Java strings.
 *
 * @param name the attribute's name
 * @param values the string, or the list's strings
 * @param scalar whether the attribute is one string rather than a list
 */
public record H5Attribute(String name, List<String> values, boolean scalar) {

  public H5Attribute {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Invalid HDF5 attribute name '" + name + "'");
    }
    values = List.copyOf(values);
    if (scalar && values.size() != 1) {
      throw new IllegalArgumentException("A scalar attribute holds one string, got " + values);
    }
  }

  /** An attribute holding one string. */
  public static H5Attribute string(String name, String value) {
    return new H5Attribute(name, List.of(value), true);
  }

  /** An attribute holding a 1-D array of strings (possibly empty). */
  public static H5Attribute strings(String name, List<String> values) {
    return new H5Attribute(name, values, false);
  }
}
