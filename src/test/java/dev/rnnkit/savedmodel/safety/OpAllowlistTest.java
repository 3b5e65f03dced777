package dev.rnnkit.savedmodel.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.OpDef;

class OpAllowlistTest {

  @Test
  void everyNameIsAnOpTensorFlowKnows() {
    Set<String> registered = TensorFlow.registeredOpList().getOpList().stream()
        .map(OpDef::getName).collect(Collectors.toSet());
    Set<String> unknown = new TreeSet<>(OpAllowlist.allNames());
    unknown.removeAll(registered);
    assertEquals(Set.of(), unknown, "misspelt or removed op names");
  }

  @Test
  void noOpWithAKnownHazardIsAllowedEverywhere() {
    Set<String> hazardous = OpAllowlist.allNames().stream()
        .filter(op -> OpAllowlist.kind(op).orElseThrow() == OpAllowlist.Kind.COMPUTE)
        .filter(op -> OpAllowlist.knownHazard(op).isPresent())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), hazardous);
  }

  /**
   * The audit behind the path-op rule: every op TensorFlow registers with a string input or
   * attribute that names a file (filename, path, prefix, pattern, directory, URL, stream) is
   * either refused or one of the kinds confined to where the loader runs it.
   */
  @Test
  void noOpThatTakesAPathIsAllowedEverywhere() {
    // Whole words of the argument's name: "file_pattern" names files, a regex "pattern" and a
    // cuDNN "direction" do not.
    java.util.regex.Pattern pathLike = java.util.regex.Pattern.compile(
        "(?i)(.*_)?(files?|filenames?|paths?|prefix(es)?|dir|directory|urls?|stream)(_.*)?");
    Set<String> takePaths = TensorFlow.registeredOpList().getOpList().stream()
        .filter(op -> op.getInputArgList().stream().anyMatch(arg ->
            arg.getType() == org.tensorflow.proto.DataType.DT_STRING
                && pathLike.matcher(arg.getName()).matches())
            || op.getAttrList().stream().anyMatch(attr ->
                attr.getType().equals("string") && pathLike.matcher(attr.getName()).matches()))
        .map(OpDef::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(takePaths.containsAll(Set.of("ReadFile", "RestoreV2", "SaveV2",
        "MergeV2Checkpoints", "InitializeTableFromTextFileV2", "PrintV2", "WriteFile")),
        "the audit finds the ops it is about: " + takePaths);
    assertEquals(Set.of(), takePaths.stream()
        .filter(op -> OpAllowlist.kind(op).orElse(null) == OpAllowlist.Kind.COMPUTE)
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void theBriefsExamplesAreRefusedOrConfined() {
    for (String op : new String[] {"ReadFile", "WriteFile", "MatchingFiles", "ImmutableConst",
        "TFRecordReaderV2", "FixedLengthRecordReaderV2", "TextLineReaderV2", "TFRecordDataset",
        "DebugIdentity", "PyFunc", "EagerPyFunc", "Empty"}) {
      assertTrue(OpAllowlist.kind(op).isEmpty(), op);
    }
    assertEquals(OpAllowlist.Kind.CHECKPOINT_READ, OpAllowlist.kind("RestoreV2").orElseThrow());
    assertEquals(OpAllowlist.Kind.CHECKPOINT_WRITE, OpAllowlist.kind("MergeV2Checkpoints").orElseThrow());
    assertEquals(OpAllowlist.Kind.TABLE_FROM_FILE,
        OpAllowlist.kind("InitializeTableFromTextFileV2").orElseThrow());
  }
}
