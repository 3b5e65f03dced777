package dev.rnnkit.keras.hdf5;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable HDF5 group: named children (groups and datasets) and string attributes. Built
 * bottom-up with {@link #builder()}; a group without children is as valid as any other, which is
 * what Keras's empty {@code vars} groups need.
 *
 * <p>Children keep the order they were added in; HDF5 readers list them sorted by name anyway.
 * The same instance may be added in several places: each place becomes an object of its own.
 */
public final class H5Group implements H5Node {

  private static final H5Group EMPTY = new H5Group(Map.of(), List.of());

  private final Map<String, H5Node> children;
  private final List<H5Attribute> attributes;

  private H5Group(Map<String, H5Node> children, List<H5Attribute> attributes) {
    this.children = children;
    this.attributes = attributes;
  }

  /** A group with no children and no attributes. */
  public static H5Group empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The children by link name, in the order they were added; unmodifiable. */
  public Map<String, H5Node> children() {
    return children;
  }

  public List<H5Attribute> attributes() {
    return attributes;
  }

  /** Collects a group's children and attributes; names must be unique within the group. */
  public static final class Builder {

    private final Map<String, H5Node> children = new LinkedHashMap<>();
    private final Map<String, H5Attribute> attributes = new LinkedHashMap<>();

    private Builder() {}

    public Builder group(String name, H5Group group) {
      return child(name, group);
    }

    public Builder dataset(String name, H5Dataset dataset) {
      return child(name, dataset);
    }

    public Builder attribute(H5Attribute attribute) {
      if (attributes.putIfAbsent(attribute.name(), attribute) != null) {
        throw new IllegalArgumentException("Duplicate attribute '" + attribute.name() + "'");
      }
      return this;
    }

    public Builder attribute(String name, String value) {
      return attribute(H5Attribute.string(name, value));
    }

    public Builder attribute(String name, List<String> values) {
      return attribute(H5Attribute.strings(name, values));
    }

    public H5Group build() {
      return new H5Group(Collections.unmodifiableMap(new LinkedHashMap<>(children)),
          List.copyOf(attributes.values()));
    }

    private Builder child(String name, H5Node node) {
      // A link name is one path component: '/' would make it a path, '.' means the group itself.
      if (name.isEmpty() || name.equals(".") || name.indexOf('/') >= 0
          || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("Invalid HDF5 link name '" + name + "'");
      }
      if (children.putIfAbsent(name, Objects.requireNonNull(node)) != null) {
        throw new IllegalArgumentException("Duplicate link name '" + name + "'");
      }
      return this;
    }
  }
}
