package dev.rnnkit.savedmodel;

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
