package dev.rnnkit.savedmodel.safety;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Graph nodes and library functions written as protocol buffers, complete enough for
 * TensorFlow to run them: what an attacker writes by hand when TF Java's ops API cannot express
 * a graph (functions handed over as attributes).
 */
final class ProtoNodes {

  private ProtoNodes() {}

  static NodeDef.Builder node(String name, String op, String... inputs) {
    return NodeDef.newBuilder().setName(name).setOp(op).addAllInput(List.of(inputs));
  }

  static NodeDef stringConst(String name, String value) {
    return node(name, "Const").putAttr("dtype", type(DataType.DT_STRING))
        .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
            .setDtype(DataType.DT_STRING).setTensorShape(TensorShapeProto.getDefaultInstance())
            .addStringVal(ByteString.copyFromUtf8(value))).build()).build();
  }

  static NodeDef hashTable(String name) {
    return node(name, "HashTableV2").putAttr("key_dtype", type(DataType.DT_STRING))
        .putAttr("value_dtype", type(DataType.DT_INT64)).putAttr("shared_name", text(name))
        .putAttr("container", text("")).putAttr("use_node_name_sharing", flag(false)).build();
  }

  /** A StatefulPartitionedCall of {@code f} on a table, returning one string tensor. */
  static NodeDef call(String name, NameAttrList f, String... inputs) {
    DataType[] in = inputs.length == 2
        ? new DataType[] {DataType.DT_RESOURCE, DataType.DT_STRING}
        : new DataType[] {DataType.DT_RESOURCE};
    return partitionedCall(node(name, "StatefulPartitionedCall", inputs), in)
        .putAttr("f", AttrValue.newBuilder().setFunc(f).build()).build();
  }

  /** {@code name}, with function-valued attributes {@code attribute = value} if given. */
  static NameAttrList function(String name, Object... attributeAndFunction) {
    NameAttrList.Builder f = NameAttrList.newBuilder().setName(name);
    for (int i = 0; i < attributeAndFunction.length; i += 2) {
      f.putAttr((String) attributeAndFunction[i],
          AttrValue.newBuilder().setFunc((NameAttrList) attributeAndFunction[i + 1]).build());
    }
    return f.build();
  }

  /** {@code fill_and_export(t, p)}: fills table t from the file p and returns its keys. */
  static FunctionDef fillAndExport() {
    return FunctionDef.newBuilder()
        .setSignature(OpDef.newBuilder().setName("fill_and_export").setIsStateful(true)
            .addInputArg(arg("t", DataType.DT_RESOURCE)).addInputArg(arg("p", DataType.DT_STRING))
            .addOutputArg(arg("keys", DataType.DT_STRING)).addControlOutput("init"))
        .addNodeDef(node("init", "InitializeTableFromTextFileV2", "t", "p")
            .putAttr("key_index", number(-2)).putAttr("value_index", number(-1))
            .putAttr("vocab_size", number(-1)).putAttr("delimiter", text("\t"))
            .putAttr("offset", number(0)))
        .addNodeDef(node("exp", "LookupTableExportV2", "t", "^init")
            .putAttr("Tkeys", type(DataType.DT_STRING)).putAttr("Tvalues", type(DataType.DT_INT64)))
        .putRet("keys", "exp:keys:0").putControlRet("init", "init").build();
  }

  /**
   * {@code name(t)} with a function-valued attribute {@code attribute}: calls that function on
   * t and the constant path {@code file}.
   */
  static FunctionDef callsAttribute(String name, String attribute, Path file) {
    return FunctionDef.newBuilder()
        .setSignature(OpDef.newBuilder().setName(name).setIsStateful(true)
            .addInputArg(arg("t", DataType.DT_RESOURCE)).addOutputArg(arg("out", DataType.DT_STRING))
            .addAttr(OpDef.AttrDef.newBuilder().setName(attribute).setType("func")))
        .addNodeDef(stringConst("path", file.toString()).toBuilder())
        .addNodeDef(partitionedCall(node("call", "StatefulPartitionedCall", "t", "path:output:0"),
            new DataType[] {DataType.DT_RESOURCE, DataType.DT_STRING})
            .putAttr("f", AttrValue.newBuilder().setPlaceholder(attribute).build()))
        .putRet("out", "call:output:0").build();
  }

  private static NodeDef.Builder partitionedCall(NodeDef.Builder node, DataType[] inputs) {
    return node.putAttr("Tin", AttrValue.newBuilder().setList(
            AttrValue.ListValue.newBuilder().addAllType(List.of(inputs))).build())
        .putAttr("Tout", AttrValue.newBuilder().setList(
            AttrValue.ListValue.newBuilder().addType(DataType.DT_STRING)).build())
        .putAttr("config", text("")).putAttr("config_proto", text(""))
        .putAttr("executor_type", text(""));
  }

  private static OpDef.ArgDef arg(String name, DataType type) {
    return OpDef.ArgDef.newBuilder().setName(name).setType(type).build();
  }

  private static AttrValue type(DataType type) {
    return AttrValue.newBuilder().setType(type).build();
  }

  private static AttrValue text(String value) {
    return AttrValue.newBuilder().setS(ByteString.copyFromUtf8(value)).build();
  }

  private static AttrValue number(long value) {
    return AttrValue.newBuilder().setI(value).build();
  }

  private static AttrValue flag(boolean value) {
    return AttrValue.newBuilder().setB(value).build();
  }
}
