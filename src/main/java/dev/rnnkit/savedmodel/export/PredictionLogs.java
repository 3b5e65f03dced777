package dev.rnnkit.savedmodel.export;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.TensorProto;

/**
 * TF Serving's {@code tensorflow.serving.PredictionLog} holding a {@code predict_log}, written and
 * read by hand: TF Java does not ship TF Serving's protos. The field numbers are those of
 * tensorflow_serving/apis/prediction_log.proto ({@code PredictionLog.predict_log = 6},
 * {@code PredictLog.request = 1}), predict.proto ({@code PredictRequest.model_spec = 1},
 * {@code inputs = 2}, a {@code map<string, TensorProto>}: entries with {@code key = 1},
 * {@code value = 2}) and model.proto ({@code ModelSpec.name = 1}, {@code signature_name = 3}).
 * The tensors are TensorFlow's own {@link TensorProto}.
 */
final class PredictionLogs {

  static final int PREDICTION_LOG_PREDICT_LOG = 6;
  static final int PREDICT_LOG_REQUEST = 1;
  static final int REQUEST_MODEL_SPEC = 1;
  static final int REQUEST_INPUTS = 2;
  static final int MAP_KEY = 1;
  static final int MAP_VALUE = 2;
  static final int MODEL_SPEC_NAME = 1;
  static final int MODEL_SPEC_SIGNATURE_NAME = 3;

  private PredictionLogs() {}

  /** The serialized PredictionLog of {@code request}. */
  static byte[] encode(WarmupRequest request) {
    byte[] modelSpec = message(out -> {
      out.writeString(MODEL_SPEC_NAME, request.modelName());
      out.writeString(MODEL_SPEC_SIGNATURE_NAME, request.signature());
    });
    byte[] predictRequest = message(out -> {
      out.writeByteArray(REQUEST_MODEL_SPEC, modelSpec);
      for (Map.Entry<String, TensorProto> input : request.inputs().entrySet()) {
        out.writeByteArray(REQUEST_INPUTS, message(entry -> {
          entry.writeString(MAP_KEY, input.getKey());
          entry.writeMessage(MAP_VALUE, input.getValue());
        }));
      }
    });
    byte[] predictLog = message(out -> out.writeByteArray(PREDICT_LOG_REQUEST, predictRequest));
    return message(out -> out.writeByteArray(PREDICTION_LOG_PREDICT_LOG, predictLog));
  }

  /**
   * The request inside a serialized PredictionLog.
   *
   * @throws IOException if the bytes are no PredictionLog with a predict_log request
   */
  static WarmupRequest decode(byte[] predictionLog) throws IOException {
    byte[] predictLog = field(predictionLog, PREDICTION_LOG_PREDICT_LOG, "PredictionLog.predict_log");
    byte[] request = field(predictLog, PREDICT_LOG_REQUEST, "PredictLog.request");
    String[] spec = {"", ""};
    TreeMap<String, TensorProto> inputs = new TreeMap<>();
    CodedInputStream in = CodedInputStream.newInstance(request);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int number = WireFormat.getTagFieldNumber(tag);
      if (number == REQUEST_MODEL_SPEC && delimited(tag, "PredictRequest.model_spec")) {
        readModelSpec(in.readByteArray(), spec);
      } else if (number == REQUEST_INPUTS && delimited(tag, "PredictRequest.inputs")) {
        readInput(in.readByteArray(), inputs);
      } else {
        in.skipField(tag);
      }
    }
    return new WarmupRequest(spec[0], spec[1], inputs);
  }

  private static void readModelSpec(byte[] bytes, String[] spec) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int number = WireFormat.getTagFieldNumber(tag);
      if (number == MODEL_SPEC_NAME && delimited(tag, "ModelSpec.name")) {
        spec[0] = in.readStringRequireUtf8();
      } else if (number == MODEL_SPEC_SIGNATURE_NAME && delimited(tag, "ModelSpec.signature_name")) {
        spec[1] = in.readStringRequireUtf8();
      } else {
        in.skipField(tag);
      }
    }
  }

  private static void readInput(byte[] bytes, Map<String, TensorProto> inputs) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    String key = "";
    TensorProto value = TensorProto.getDefaultInstance();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int number = WireFormat.getTagFieldNumber(tag);
      if (number == MAP_KEY && delimited(tag, "inputs key")) {
        key = in.readStringRequireUtf8();
      } else if (number == MAP_VALUE && delimited(tag, "inputs value")) {
        value = TensorProto.parseFrom(in.readByteArray());
      } else {
        in.skipField(tag);
      }
    }
    inputs.put(key, value);
  }

  /** The last occurrence of a message field (protobuf's rule for a repeated singular field). */
  private static byte[] field(byte[] message, int wanted, String name) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(message);
    byte[] found = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == wanted && delimited(tag, name)) {
        found = in.readByteArray();
      } else {
        in.skipField(tag);
      }
    }
    if (found == null) {
      throw new IOException("The record holds no " + name + ": it is not a warm-up request for"
          + " TF Serving's Predict API");
    }
    return found;
  }

  private static boolean delimited(int tag, String name) throws IOException {
    if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      throw new IOException(name + " has wire type " + WireFormat.getTagWireType(tag)
          + " instead of a length-delimited message or string: the record is damaged");
    }
    return true;
  }

  @FunctionalInterface
  private interface Fields {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      fields.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory failed", e);
    }
  }
}
