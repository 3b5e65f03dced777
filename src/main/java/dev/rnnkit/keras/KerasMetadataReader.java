package dev.rnnkit.keras;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
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

  /** A node: its metadata (JSON) of at most MAX_JSON_BYTES, and a few short fields. */
  private static final int MAX_NODE_BYTES = ArchiveLimits.MAX_JSON_BYTES + (1 << 20);

  /** One Keras object of the SavedModel. */
  record Node(int nodeId, String nodePath, String identifier, String metadataJson) {}

  private KerasMetadataReader() {}

  /**
   * The objects of a keras_metadata.pb, read from the file as a stream: an object whose metadata
   * takes more than {@link ArchiveLimits#MAX_JSON_BYTES} is refused before it is read.
   */
  static List<Node> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(CodedInputStream.newInstance(in), file.toString());
    } catch (InvalidProtocolBufferException e) {
      throw new KerasImportException(file + " is not a valid keras_metadata.pb (SavedMetadata"
          + " protobuf): " + e.getMessage() + ". The file is damaged or was not written by"
          + " tf.keras; re-save the model with model.save(dir)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Node> parse(CodedInputStream in, String where) throws IOException {
    List<Node> nodes = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == NODES) {
        int length = in.readRawVarint32();
        if (length < 0) {
          throw new InvalidProtocolBufferException("a node has a negative length");
        }
        // Besides its metadata, a node holds its id, path and identifier: a few bytes.
        if (length > MAX_NODE_BYTES) {
          throw ArchiveLimits.jsonTooLarge(where + ": the Keras metadata of object "
              + nodes.size() + " takes " + length + " bytes", "layer config");
        }
        nodes.add(parseNode(in.readRawBytes(length), where));
      } else if (!in.skipField(tag)) {
        break;
      }
    }
    return nodes;
  }

  private static Node parseNode(byte[] bytes, String where) throws IOException {
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
        case METADATA -> {
          ByteString json = in.readBytes();
          if (json.size() > ArchiveLimits.MAX_JSON_BYTES) {
            throw ArchiveLimits.jsonTooLarge(where + ": the Keras metadata of node " + nodeId
                + " takes " + json.size() + " bytes", "layer config");
          }
          if (!json.isValidUtf8()) {
            throw new InvalidProtocolBufferException("the metadata of node " + nodeId
                + " is not valid UTF-8");
          }
          metadata = json.toStringUtf8();
        }
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
