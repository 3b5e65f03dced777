package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.types.TString;

/**
 * The warm-up file's format checked without RNNKit's own reader: the records through
 * TensorFlow's TFRecord reader (the RecordReader TF Serving reads warm-up files with, which
 * checks both CRCs), and each record through protobuf descriptors of TF Serving's messages built
 * here from the field numbers of its .proto files.
 */
class WarmupFormatTest {

  @TempDir Path dir;

  private static final WarmupRequest REQUEST = new WarmupRequest("reviews", "serving_text",
      new TreeMap<>(java.util.Map.of(
          "text", TensorProtos.strings(List.of("a fine film", "")),
          "token_ids", TensorProtos.ints(new long[] {1, 3}, new int[] {0, 7, 99}))));

  @Test
  void tensorFlowsRecordReaderReadsWhatWeWrite() throws IOException {
    List<byte[]> records = List.of(PredictionLogs.encode(REQUEST), new byte[0], new byte[300]);
    Path file = write(records);
    List<byte[]> read = readWithTensorFlow(file);
    assertEquals(records.size(), read.size());
    for (int i = 0; i < records.size(); i++) {
      assertArrayEquals(records.get(i), read.get(i), "record " + i);
    }
  }

  @Test
  void tensorFlowAndOurReaderBothRefuseAFlippedBit() throws IOException {
    byte[] bytes = Files.readAllBytes(write(List.of(new byte[] {1, 2, 3, 4})));
    bytes[12 + 2] ^= 0x04;
    Path damaged = Files.write(dir.resolve("damaged"), bytes);
    TensorFlowException tf = assertThrows(TensorFlowException.class, () -> readWithTensorFlow(damaged));
    assertTrue(tf.getMessage().toLowerCase().contains("corrupted record"), tf.getMessage());
    IOException ours = assertThrows(IOException.class, () -> TfRecordFile.read(damaged));
    assertTrue(ours.getMessage().contains("record 1 has a bad data CRC"), ours.getMessage());
  }

  @Test
  void aRecordIsAPredictionLogAsTfServingsProtosDefineIt() throws Exception {
    Descriptor predictionLog = servingProtos().findMessageTypeByName("PredictionLog");
    DynamicMessage log = DynamicMessage.parseFrom(predictionLog, PredictionLogs.encode(REQUEST));
    Message predictLog = child(log, "predict_log");
    Message request = child(predictLog, "request");
    Message spec = child(request, "model_spec");
    assertEquals("reviews", field(spec, "name"));
    assertEquals("serving_text", field(spec, "signature_name"));
    List<String> keys = new ArrayList<>();
    for (Object entry : (List<?>) field(request, "inputs")) {
      Message e = (Message) entry;
      String key = (String) field(e, "key");
      keys.add(key);
      TensorProto tensor = TensorProto.parseFrom(((Message) field(e, "value")).toByteString());
      assertEquals(REQUEST.inputs().get(key), tensor, key);
    }
    assertEquals(List.of("text", "token_ids"), keys);
    for (Message m : List.of(log, predictLog, request, spec)) {
      assertTrue(m.getUnknownFields().asMap().isEmpty(), "no fields outside the .proto: " + m);
    }
    // And back: what TF Serving's own encoder would write reads as the same request.
    assertEquals(REQUEST, PredictionLogs.decode(log.toByteArray()));
  }

  @Test
  void aRecordThatIsNoPredictLogIsRefused() {
    IOException e = assertThrows(IOException.class, () -> PredictionLogs.decode(new byte[] {8, 1}));
    assertTrue(e.getMessage().contains("no PredictionLog.predict_log"), e.getMessage());
  }

  private Path write(List<byte[]> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TfRecordFile.write(out, records);
    return Files.write(dir.resolve("records-" + records.size()), out.toByteArray());
  }

  /**
   * Reads every record with TensorFlow's TFRecordReader op (io::RecordReader, which TF Serving's
   * warm-up reads with). Not TFRecordDataset: TF 2.18's graph rewrite of a TFRecordDatasetV2
   * fails ("3 inputs specified of 4") before reading anything.
   */
  private static List<byte[]> readWithTensorFlow(Path file) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<?> queue = tf.io.fifoQueue(List.of(TString.class)).handle();
      session.runner().addTarget(tf.io.queueEnqueueMany(queue, List.of(tf.constant(Shape.of(1),
          org.tensorflow.ndarray.buffer.DataBuffers.ofObjects(file.toString()))))).run();
      // Closed after the file name is in, so the reader ends with OutOfRange after the last record.
      session.runner().addTarget(tf.io.queueClose(queue)).run();
      var read = tf.io.readerRead(tf.io.tfRecordReader().readerHandle(), queue);
      List<byte[]> records = new ArrayList<>();
      while (true) {
        try (var result = session.runner().fetch(read.value()).run()) {
          records.add(((TString) result.get(0)).asBytes().getObject());
        } catch (TFOutOfRangeException end) {
          return records;
        }
      }
    }
  }

  /** TF Serving's messages, from the field numbers of its .proto files. */
  private static FileDescriptor servingProtos() throws DescriptorValidationException {
    FileDescriptor tensor = TensorProto.getDescriptor().getFile();
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("tensorflow_serving_apis_test.proto").setPackage("tensorflow.serving")
        .setSyntax("proto3").addDependency(tensor.getName())
        .addMessageType(DescriptorProto.newBuilder().setName("ModelSpec") // model.proto
            .addField(scalar("name", 1)).addField(scalar("signature_name", 3)))
        .addMessageType(DescriptorProto.newBuilder().setName("PredictRequest") // predict.proto
            .addField(message("model_spec", 1, ".tensorflow.serving.ModelSpec"))
            .addField(message("inputs", 2, ".tensorflow.serving.PredictRequest.InputsEntry")
                .setLabel(Label.LABEL_REPEATED))
            .addNestedType(DescriptorProto.newBuilder().setName("InputsEntry")
                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                .addField(scalar("key", 1))
                .addField(message("value", 2, ".tensorflow.TensorProto"))))
        .addMessageType(DescriptorProto.newBuilder().setName("PredictLog") // prediction_log.proto
            .addField(message("request", 1, ".tensorflow.serving.PredictRequest")))
        .addMessageType(DescriptorProto.newBuilder().setName("PredictionLog")
            .addField(message("predict_log", 6, ".tensorflow.serving.PredictLog")))
        .build();
    return FileDescriptor.buildFrom(file, new FileDescriptor[] {tensor});
  }

  private static FieldDescriptorProto scalar(String name, int number) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
        .setType(Type.TYPE_STRING).setLabel(Label.LABEL_OPTIONAL).build();
  }

  private static FieldDescriptorProto.Builder message(String name, int number, String type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
        .setType(Type.TYPE_MESSAGE).setTypeName(type).setLabel(Label.LABEL_OPTIONAL);
  }

  private static Object field(Message m, String name) {
    return m.getField(m.getDescriptorForType().findFieldByName(name));
  }

  private static Message child(Message m, String name) {
    assertTrue(m.hasField(m.getDescriptorForType().findFieldByName(name)), name + " is set");
    return (Message) field(m, name);
  }
}
