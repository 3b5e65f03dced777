package dev.rnnkit.savedmodel.export;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Tensors of the warm-up requests as TensorFlow's {@link TensorProto} (values in the typed fields
 * {@code int_val}, {@code float_val}, {@code string_val}, as TF Serving's clients send them), and
 * back into TF Java tensors to run them.
 */
final class TensorProtos {

  private TensorProtos() {}

  static TensorProto ints(long[] shape, int[] values) {
    TensorProto.Builder proto = header(DataType.DT_INT32, shape);
    Arrays.stream(values).forEach(proto::addIntVal);
    return proto.build();
  }

  static TensorProto floats(long[] shape, float[] values) {
    TensorProto.Builder proto = header(DataType.DT_FLOAT, shape);
    for (float v : values) {
      proto.addFloatVal(v);
    }
    return proto.build();
  }

  static TensorProto strings(List<String> values) {
    TensorProto.Builder proto = header(DataType.DT_STRING, new long[] {values.size()});
    values.forEach(v -> proto.addStringVal(ByteString.copyFromUtf8(v)));
    return proto.build();
  }

  private static TensorProto.Builder header(DataType dtype, long[] shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long size : shape) {
      dims.addDim(TensorShapeProto.Dim.newBuilder().setSize(size));
    }
    return TensorProto.newBuilder().setDtype(dtype).setTensorShape(dims);
  }

  /**
   * The tensor a TensorProto of DT_INT32, DT_FLOAT or DT_STRING holds, from its typed values or
   * its {@code tensor_content} (little-endian, as TensorFlow writes it); the caller closes it.
   *
   * @throws IllegalArgumentException for another dtype, or a value count that is not the shape's
   */
  static Tensor toTensor(TensorProto proto) {
    Shape shape = Shape.of(proto.getTensorShape().getDimList().stream()
        .mapToLong(TensorShapeProto.Dim::getSize).toArray());
    boolean packed = !proto.getTensorContent().isEmpty();
    ByteBuffer content = proto.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    switch (proto.getDtype()) {
      case DT_INT32 -> {
        int[] values = packed ? intsOf(content) : proto.getIntValList().stream()
            .mapToInt(Integer::intValue).toArray();
        requireCount(shape, values.length, proto);
        return TInt32.tensorOf(shape, DataBuffers.of(values, true, false));
      }
      case DT_FLOAT -> {
        float[] values = packed ? floatsOf(content) : floatsOf(proto.getFloatValList());
        requireCount(shape, values.length, proto);
        return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
      }
      case DT_STRING -> {
        requireCount(shape, proto.getStringValCount(), proto);
        String[] values = proto.getStringValList().stream().map(ByteString::toStringUtf8)
            .toArray(String[]::new);
        return TString.tensorOf(shape, DataBuffers.ofObjects(values));
      }
      default -> throw new IllegalArgumentException("A warm-up tensor of " + proto.getDtype()
          + " is not supported: RNNKit's signatures take DT_INT32, DT_FLOAT or DT_STRING");
    }
  }

  private static int[] intsOf(ByteBuffer content) {
    int[] values = new int[content.remaining() / Integer.BYTES];
    content.asIntBuffer().get(values);
    return values;
  }

  private static float[] floatsOf(ByteBuffer content) {
    float[] values = new float[content.remaining() / Float.BYTES];
    content.asFloatBuffer().get(values);
    return values;
  }

  private static float[] floatsOf(List<Float> list) {
    float[] values = new float[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i);
    }
    return values;
  }

  private static void requireCount(Shape shape, long count, TensorProto proto) {
    if (shape.size() != count) {
      throw new IllegalArgumentException("A warm-up tensor of shape " + shape + " holds " + count
          + " values of " + proto.getDtype() + " instead of " + shape.size()
          + ": the request is damaged");
    }
  }
}
