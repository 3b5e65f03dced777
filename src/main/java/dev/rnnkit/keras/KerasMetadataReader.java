package dev.rnnkit.keras;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tf.keras's {@code keras_metadata.pb}: a {@code SavedMetadata} protobuf holding, for every
 * Keras object of a SavedModel, its node id in the object graph, its path, its kind and its
 * configuration as JSON.
 *
 * <p>TensorFlow Java ships no class for this message (it belongs to Keras, not TensorFlow), so
 * the few fields needed are decoded here from the wire format:
 * <pre>
 * message SavedMetadata { repeated SavedObject nodes = 1; }
 * message SavedObject { int32 node_id = 2; string node_path = 3; string identifier = 4;
 *                       string metadata = 5; VersionDef version = 6; }
 * </pre>
 */
final class KerasMetadataReader {

  // A field's tag is (field number << 3 | wire type); wire type 0 is a varint, 2 a length.
  private static final int NODES = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int NODE_ID = 2 << 3 | WireFormat.WIRETYPE_VARINT;
  private static final int NODE_PATH = 3 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int IDENTIFIER = 4 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int METADATA = 5 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  /** One Keras object of the SavedModel. */
  record Node(int nodeId, String nodePath, String identifier, String metadataJson) {}

  private KerasMetadataReader() {}

  static List<Node> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new KerasImportException(file + " is not a valid keras_metadata.pb (SavedMetadata"
          + " protobuf): " + e.getMessage() + ". The file is damaged or was not written by"
          + " tf.keras; re-save the model with model.save(dir)", e);
    }
  }

  static List<Node> parse(byte[] bytes) throws InvalidProtocolBufferException {
    List<Node> nodes = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == NODES) {
          nodes.add(parseNode(in.readByteArray()));
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return nodes;
  }

  private static Node parseNode(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    int nodeId = 0;
    String path = "";
    String identifier = "";
    String metadata = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case NODE_ID -> nodeId = in.readInt32();
        case NODE_PATH -> path = in.readStringRequireUtf8();
        case IDENTIFIER -> identifier = in.readStringRequireUtf8();
        case METADATA -> metadata = in.readStringRequireUtf8();
        default -> {
          if (!in.skipField(tag)) {
            return new Node(nodeId, path, identifier, metadata);
          }
        }
      }
    }
    return new Node(nodeId, path, identifier, metadata);
  }
}
