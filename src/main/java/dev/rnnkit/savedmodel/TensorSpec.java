package dev.rnnkit.savedmodel;

import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorInfo;

/**
 * One input or output of a signature, as the SavedModel declares it.
 *
 * @param key the name callers use for it in the signature ("input_6", "output_0")
 * @param dtype its element type
 * @param shape its declared shape
 * @param tensorName the graph tensor behind it ("serving_default_input_6:0"); empty for sparse
 *     and composite tensors, which have no single tensor
 */
public record TensorSpec(String key, DataType dtype, DeclaredShape shape, String tensorName) {

  static TensorSpec fromProto(String key, TensorInfo info) {
    return new TensorSpec(
        key, info.getDtype(), DeclaredShape.fromProto(info.getTensorShape()), info.getName());
  }

  /** The dtype as TensorFlow's protos name it, e.g. "DT_FLOAT". */
  public String dtypeName() {
    // UNRECOGNIZED is protobuf's stand-in for a number this proto version does not know.
    return dtype == DataType.UNRECOGNIZED ? "DT_UNKNOWN" : dtype.name();
  }

  /** One line for error messages: "input_6: DT_FLOAT (-1, 5, 1)". */
  public String summary() {
    return key + ": " + dtypeName() + " " + shape;
  }
}
