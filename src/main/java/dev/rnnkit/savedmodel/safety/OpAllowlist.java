package dev.rnnkit.savedmodel.safety;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The TensorFlow ops a SavedModel may hold without the caller trusting it.
 *
 * <p>Why an allowlist and not a denylist: TensorFlow registers about 1,800 ops, new releases add
 * more, and custom op libraries add any they like. Ops that touch the file system, the network or
 * a Python interpreter are spread over readers, datasets, summaries, debuggers, checkpoints,
 * queues, RPC and TPU ops; a denylist that misses one of them lets it through, and it would
 * silently go stale with each TensorFlow release. An allowlist fails the other way: an op nobody
 * has looked at is refused, the message names it, and the caller who knows the model can pass
 * {@code --trust-model}. So this list holds only ops that compute on tensors in memory: maths,
 * array shuffling, neural-network kernels, control flow, variables, in-memory tables, string
 * processing and random numbers.
 *
 * <p>Four kinds of op are allowed only where the loader itself uses them (see {@link
 * GraphSafety}): the saver's checkpoint ops and table initializers that read an asset file of
 * the SavedModel. {@code Print}/{@code PrintV2} are allowed when they write to a standard stream.
 *
 * <p>{@link #knownHazard(String)} explains, for the ops most often met, why one is refused; it is
 * for messages only and decides nothing.
 */
final class OpAllowlist {

  /** How an op is treated. */
  enum Kind {
    /** Computes on tensors in memory; allowed anywhere. */
    COMPUTE,
    /** Reads a checkpoint: allowed only in the saver's restore, reading the saver's own file. */
    CHECKPOINT_READ,
    /** Writes or moves checkpoint files: allowed only in the saver's save, never run on load. */
    CHECKPOINT_WRITE,
    /** Fills a lookup table from a text file: allowed only for the SavedModel's own asset files. */
    TABLE_FROM_FILE,
    /** Prints a tensor: allowed to stdout, stderr or the log, not to a file. */
    PRINT
  }

  /** Ops of {@link Kind#COMPUTE}, grouped for the reader; the groups mean nothing to the code. */
  static final Map<String, Set<String>> COMPUTE_GROUPS = groups();

  private static final Map<String, Kind> SPECIAL = Map.of(
      "RestoreV2", Kind.CHECKPOINT_READ,
      "Restore", Kind.CHECKPOINT_READ,
      "RestoreSlice", Kind.CHECKPOINT_READ,
      "SaveV2", Kind.CHECKPOINT_WRITE,
      "Save", Kind.CHECKPOINT_WRITE,
      "SaveSlices", Kind.CHECKPOINT_WRITE,
      "MergeV2Checkpoints", Kind.CHECKPOINT_WRITE,
      "InitializeTableFromTextFile", Kind.TABLE_FROM_FILE,
      "InitializeTableFromTextFileV2", Kind.TABLE_FROM_FILE,
      "PrintV2", Kind.PRINT);

  private static final Set<String> COMPUTE = union(COMPUTE_GROUPS);

  /** Where PrintV2 may write: its {@code output_stream} attribute's harmless values. */
  static final Set<String> STANDARD_STREAMS =
      Set.of("stderr", "stdout", "log(info)", "log(warning)", "log(error)");

  private OpAllowlist() {}

  /** How the op type is treated, or empty if it is not allowed at all. */
  static Optional<Kind> kind(String opType) {
    if (COMPUTE.contains(opType)) {
      return Optional.of(Kind.COMPUTE);
    }
    return Optional.ofNullable(SPECIAL.get(opType));
  }

  /** Every op type named here, allowed anywhere or in its place only. */
  static SortedSet<String> allNames() {
    SortedSet<String> names = new TreeSet<>(COMPUTE);
    names.addAll(SPECIAL.keySet());
    return Collections.unmodifiableSortedSet(names);
  }

  /** What an op that is refused would do, for the ops most often met; empty for the rest. */
  static Optional<String> knownHazard(String opType) {
    return Optional.ofNullable(HAZARDS.get(opType));
  }

  private static final Map<String, String> HAZARDS = hazards();

  private static Map<String, String> hazards() {
    Map<String, String> h = new LinkedHashMap<>();
    String reads = "reads a file";
    String writes = "writes a file";
    for (String op : new String[] {"ReadFile", "ImmutableConst"}) {
      h.put(op, reads);
    }
    h.put("MatchingFiles", "lists files");
    h.put("WriteFile", writes);
    for (String op : new String[] {"RestoreV2", "Restore", "RestoreSlice"}) {
      h.put(op, "reads a checkpoint file outside the saver's restore of the model's own variables");
    }
    for (String op : new String[] {"SaveV2", "Save", "SaveSlices"}) {
      h.put(op, "writes a checkpoint file outside the saver's own save");
    }
    h.put("MergeV2Checkpoints", "moves and deletes checkpoint files outside the saver's own save");
    for (String op :
        new String[] {"InitializeTableFromTextFile", "InitializeTableFromTextFileV2"}) {
      h.put(op, "reads a text file that is not one of the SavedModel's asset files");
    }
    h.put("PrintV2", "prints to a file");
    for (String op : new String[] {"TFRecordReader", "TFRecordReaderV2", "TextLineReader",
        "TextLineReaderV2", "FixedLengthRecordReader", "FixedLengthRecordReaderV2",
        "WholeFileReader", "WholeFileReaderV2", "LMDBReader", "IdentityReader",
        "IdentityReaderV2", "ReaderRead", "ReaderReadV2", "ReaderReadUpTo", "ReaderReadUpToV2",
        "ReaderRestoreState", "ReaderRestoreStateV2"}) {
      h.put(op, "reads records from files");
    }
    for (String op : new String[] {"TFRecordDataset", "TFRecordDatasetV2", "TextLineDataset",
        "FixedLengthRecordDataset", "FixedLengthRecordDatasetV2", "CSVDataset", "CSVDatasetV2",
        "ExperimentalCSVDataset", "LMDBDataset", "ExperimentalLMDBDataset", "SqlDataset",
        "ExperimentalSqlDataset", "MatchingFilesDataset", "ExperimentalMatchingFilesDataset",
        "LoadDataset", "SnapshotDatasetReader", "SnapshotNestedDatasetReader",
        "SnapshotChunkDataset", "ListSnapshotChunksDataset"}) {
      h.put(op, "a dataset that reads files");
    }
    for (String op : new String[] {"SaveDataset", "SaveDatasetV2", "DatasetToTFRecord",
        "ExperimentalDatasetToTFRecord", "CacheDataset", "CacheDatasetV2", "SnapshotDataset",
        "SnapshotDatasetV2", "DistributedSave"}) {
      h.put(op, "a dataset that writes files");
    }
    for (String op : new String[] {"DataServiceDataset", "DataServiceDatasetV2",
        "DataServiceDatasetV3", "DataServiceDatasetV4", "RegisterDataset", "RegisterDatasetV2"}) {
      h.put(op, "talks to a tf.data service over the network");
    }
    for (String op : new String[] {"DebugIdentity", "DebugIdentityV2", "DebugIdentityV3",
        "DebugNanCount", "DebugNumericSummary", "DebugNumericSummaryV2", "Copy", "CopyHost"}) {
      h.put(op, "sends tensors to debug URLs (files or gRPC)");
    }
    for (String op : new String[] {"PyFunc", "PyFuncStateless", "EagerPyFunc"}) {
      h.put(op, "runs Python code");
    }
    for (String op : new String[] {"CreateSummaryFileWriter", "CreateSummaryDbWriter",
        "WriteSummary", "WriteScalarSummary", "WriteHistogramSummary", "WriteImageSummary",
        "WriteAudioSummary", "WriteGraphSummary", "WriteRawProtoSummary", "ImportEvent",
        "FlushSummaryWriter", "CloseSummaryWriter"}) {
      h.put(op, "writes summary files");
    }
    for (String op : new String[] {"LoadAndRemapMatrix", "GenerateVocabRemapping", "Skipgram"}) {
      h.put(op, "reads a file named by an input or attribute");
    }
    for (String op : new String[] {"DecodeProtoV2", "EncodeProto"}) {
      h.put(op, "may read a protobuf descriptor file named by its descriptor_source");
    }
    for (String op : new String[] {"RpcClient", "RpcCall", "RpcServer", "RpcServerStart",
        "RpcServerRegister", "RemoteCall", "Send", "Recv", "CollectiveReduce",
        "CollectiveReduceV2", "CollectiveReduceV3", "CollectiveGather", "CollectiveGatherV2",
        "CollectiveBcastSend", "CollectiveBcastSendV2", "CollectiveBcastRecv",
        "CollectiveBcastRecvV2"}) {
      h.put(op, "communicates with other processes or machines");
    }
    h.put("FileSystemSetConfiguration", "changes file-system settings");
    h.put("Abort", "ends the process");
    return Collections.unmodifiableMap(h);
  }

  private static Map<String, Set<String>> groups() {
    Map<String, Set<String>> g = new LinkedHashMap<>();
    g.put("graph plumbing and control flow", Set.of(
        "NoOp", "Const", "HostConst", "Placeholder", "PlaceholderV2", "PlaceholderWithDefault",
        "Identity", "IdentityN", "StopGradient", "PreventGradient", "Snapshot", "EnsureShape",
        "CheckNumerics", "CheckNumericsV2", "Assert", "GuaranteeConst", "ControlTrigger",
        "Switch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond", "RefSwitch", "RefMerge",
        "RefEnter", "RefExit", "RefNextIteration", "RefIdentity", "RefSelect", "While",
        "StatelessWhile", "If", "StatelessIf", "Case", "StatelessCase", "For",
        "PartitionedCall", "StatefulPartitionedCall", "SymbolicGradient", "Print"));
    g.put("variables and resources", Set.of(
        "VarHandleOp", "ReadVariableOp", "AssignVariableOp", "AssignAddVariableOp",
        "AssignSubVariableOp", "VarIsInitializedOp", "VariableShape", "DestroyResourceOp",
        "DisableCopyOnRead", "Variable", "VariableV2", "IsVariableInitialized", "Assign",
        "AssignAdd", "AssignSub",
        "ResourceGather", "ResourceGatherNd", "ResourceScatterAdd", "ResourceScatterSub",
        "ResourceScatterMul", "ResourceScatterDiv", "ResourceScatterMin", "ResourceScatterMax",
        "ResourceScatterUpdate", "ResourceScatterNdAdd", "ResourceScatterNdSub",
        "ResourceScatterNdUpdate", "ResourceScatterNdMin", "ResourceScatterNdMax",
        "ResourceStridedSliceAssign", "ScatterAdd", "ScatterSub", "ScatterMul", "ScatterDiv",
        "ScatterMin", "ScatterMax", "ScatterUpdate", "ScatterNdAdd", "ScatterNdSub",
        "ScatterNdUpdate", "ScatterNdMin", "ScatterNdMax", "StridedSliceAssign", "CountUpTo",
        "ResourceCountUpTo"));
    g.put("in-memory lookup tables", Set.of(
        "HashTable", "HashTableV2", "MutableHashTable", "MutableHashTableV2",
        "MutableHashTableOfTensors", "MutableHashTableOfTensorsV2", "MutableDenseHashTable",
        "MutableDenseHashTableV2", "AnonymousHashTable", "AnonymousMutableHashTable",
        "AnonymousMutableHashTableOfTensors", "AnonymousMutableDenseHashTable",
        "LookupTableFind", "LookupTableFindV2", "LookupTableInsert", "LookupTableInsertV2",
        "LookupTableRemoveV2", "LookupTableSize", "LookupTableSizeV2", "LookupTableExport",
        "LookupTableExportV2", "LookupTableImport", "LookupTableImportV2", "InitializeTable",
        "InitializeTableV2"));
    // Empty is left out on purpose: it returns uninitialised memory, which could hand a model's
    // caller whatever the process held there before.
    g.put("shapes, slicing and rearranging", Set.of(
        "Shape", "ShapeN", "Size", "Rank", "Reshape", "ExpandDims", "Squeeze", "Transpose",
        "ConjugateTranspose", "InvertPermutation", "Concat", "ConcatV2", "ConcatOffset",
        "ParallelConcat", "Split", "SplitV", "Slice", "StridedSlice", "StridedSliceGrad",
        "TensorStridedSliceUpdate", "Pack", "Unpack", "Tile", "TileGrad", "Pad", "PadV2",
        "MirrorPad", "MirrorPadGrad", "Fill", "ZerosLike", "OnesLike", "Range",
        "LinSpace", "Gather", "GatherV2", "GatherNd", "ScatterNd", "ScatterNdNonAliasingAdd",
        "TensorScatterUpdate", "TensorScatterAdd", "TensorScatterSub", "TensorScatterMin",
        "TensorScatterMax", "Where", "Select", "SelectV2", "Reverse", "ReverseV2",
        "ReverseSequence", "OneHot", "BroadcastTo", "BroadcastArgs", "BroadcastGradientArgs",
        "Cast", "Bitcast", "Unique", "UniqueV2", "UniqueWithCounts", "UniqueWithCountsV2",
        "ListDiff", "DynamicPartition", "DynamicStitch", "ParallelDynamicStitch", "Diag",
        "DiagPart", "MatrixDiag", "MatrixDiagV2", "MatrixDiagV3", "MatrixDiagPart",
        "MatrixDiagPartV2", "MatrixDiagPartV3", "MatrixSetDiag", "MatrixSetDiagV2",
        "MatrixSetDiagV3", "MatrixBandPart", "SpaceToBatch", "SpaceToBatchND", "BatchToSpace",
        "BatchToSpaceND", "SpaceToDepth", "DepthToSpace", "ExtractImagePatches", "Roll",
        "UnravelIndex", "Bucketize", "LowerBound", "UpperBound", "TopK", "TopKV2", "NthElement",
        "InplaceAdd", "InplaceSub", "InplaceUpdate", "DeepCopy", "DataFormatDimMap",
        "DataFormatVecPermute", "HistogramFixedWidth", "Bincount", "DenseBincount", "Cumsum",
        "Cumprod", "CumulativeLogsumexp", "EditDistance", "Fingerprint"));
    g.put("element-wise and reduction maths", Set.of(
        "Abs", "Neg", "Sign", "Reciprocal", "Inv", "Square", "Sqrt", "Rsqrt", "Exp", "Expm1",
        "Log", "Log1p", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Atan2", "Sinh", "Cosh",
        "Tanh", "Asinh", "Acosh", "Atanh", "Erf", "Erfc", "Erfinv", "Ndtri", "Lgamma", "Digamma",
        "Igamma", "Igammac", "Betainc", "Zeta", "Polygamma", "Floor", "Ceil", "Round", "Rint",
        "IsNan", "IsInf", "IsFinite", "Add", "AddV2", "AddN", "AccumulateNV2", "Sub", "Mul",
        "MulNoNan", "Div", "DivNoNan", "RealDiv", "FloorDiv", "FloorMod", "TruncateDiv",
        "TruncateMod", "Mod", "Pow", "Maximum", "Minimum", "SquaredDifference", "Xlogy",
        "Xlog1py", "Xdivy", "ClipByValue", "Equal", "NotEqual", "Less", "LessEqual", "Greater",
        "GreaterEqual", "ApproximateEqual", "LogicalAnd", "LogicalOr", "LogicalNot",
        "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Invert", "LeftShift", "RightShift",
        "PopulationCount", "Complex", "Real", "Imag", "Angle", "Conj", "ComplexAbs", "Sum",
        "Prod", "Mean", "Max", "Min", "All", "Any", "ArgMax", "ArgMin", "EuclideanNorm",
        "SegmentSum", "SegmentMean", "SegmentMax", "SegmentMin", "SegmentProd",
        "UnsortedSegmentSum", "UnsortedSegmentMax", "UnsortedSegmentMin", "UnsortedSegmentProd",
        "SparseSegmentSum", "SparseSegmentMean", "SparseSegmentSqrtN",
        "SparseSegmentSumWithNumSegments", "SparseSegmentMeanWithNumSegments",
        "SparseSegmentSqrtNWithNumSegments", "TanhGrad", "SigmoidGrad", "SqrtGrad", "RsqrtGrad",
        "ReciprocalGrad", "InvGrad"));
    g.put("linear algebra and FFT", Set.of(
        "MatMul", "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3", "SparseMatMul", "Einsum",
        "Cross", "MatrixInverse", "MatrixDeterminant", "LogMatrixDeterminant", "Cholesky", "Qr",
        "Svd", "SelfAdjointEigV2", "MatrixSolve", "MatrixTriangularSolve", "MatrixSolveLs",
        "MatrixExponential", "MatrixLogarithm", "MatrixSquareRoot", "Lu", "TridiagonalSolve",
        "TridiagonalMatMul", "BandedTriangularSolve", "FFT", "IFFT", "FFT2D", "IFFT2D", "FFT3D",
        "IFFT3D", "RFFT", "IRFFT", "RFFT2D", "IRFFT2D", "RFFT3D", "IRFFT3D"));
    g.put("neural-network kernels", Set.of(
        "BiasAdd", "BiasAddV1", "BiasAddGrad", "Relu", "Relu6", "Elu", "Selu", "LeakyRelu",
        "Softplus", "Softsign", "Sigmoid", "Softmax", "LogSoftmax",
        "SoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits", "L2Loss",
        "ReluGrad", "Relu6Grad", "EluGrad", "SeluGrad", "SoftplusGrad", "SoftsignGrad",
        "LeakyReluGrad", "Conv2D", "Conv3D", "Conv", "DepthwiseConv2dNative",
        "Conv2DBackpropInput", "Conv2DBackpropFilter", "Conv3DBackpropInputV2",
        "Conv3DBackpropFilterV2", "DepthwiseConv2dNativeBackpropInput",
        "DepthwiseConv2dNativeBackpropFilter", "MaxPool", "MaxPoolV2", "MaxPool3D", "AvgPool",
        "AvgPool3D", "MaxPoolWithArgmax", "MaxPoolGrad", "MaxPoolGradV2", "AvgPoolGrad",
        "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3", "FusedBatchNormGrad",
        "FusedBatchNormGradV2", "FusedBatchNormGradV3", "BatchNormWithGlobalNormalization", "LRN",
        "Dilation2D", "InTopK", "InTopKV2", "CTCGreedyDecoder", "CTCBeamSearchDecoder",
        "CudnnRNN", "CudnnRNNV2", "CudnnRNNV3", "CudnnRNNBackprop", "CudnnRNNBackpropV2",
        "CudnnRNNBackpropV3", "CudnnRNNParamsSize", "CudnnRNNCanonicalToParams",
        "CudnnRNNCanonicalToParamsV2", "CudnnRNNParamsToCanonical", "CudnnRNNParamsToCanonicalV2",
        "LSTMBlockCell", "BlockLSTM", "BlockLSTMV2", "GRUBlockCell", "NonMaxSuppression",
        "NonMaxSuppressionV2", "NonMaxSuppressionV3", "NonMaxSuppressionV4",
        "NonMaxSuppressionV5", "CombinedNonMaxSuppression", "ResizeBilinear",
        "ResizeNearestNeighbor", "ResizeBicubic", "ResizeArea", "CropAndResize",
        "AdjustContrastv2", "AdjustHue", "AdjustSaturation", "RGBToHSV", "HSVToRGB",
        "DecodeJpeg", "DecodePng", "DecodeBmp", "DecodeGif", "DecodeImage", "EncodePng",
        "EncodeJpeg", "QuantizeAndDequantizeV2", "QuantizeAndDequantizeV3",
        "QuantizeAndDequantizeV4", "FakeQuantWithMinMaxArgs", "FakeQuantWithMinMaxVars",
        "FakeQuantWithMinMaxVarsPerChannel"));
    g.put("random numbers", Set.of(
        "RandomUniform", "RandomUniformInt", "RandomStandardNormal", "TruncatedNormal",
        "ParameterizedTruncatedNormal", "RandomShuffle", "Multinomial", "RandomGamma",
        "RandomPoisson", "RandomPoissonV2", "StatelessRandomUniform", "StatelessRandomUniformV2",
        "StatelessRandomUniformInt", "StatelessRandomUniformIntV2",
        "StatelessRandomUniformFullInt", "StatelessRandomUniformFullIntV2",
        "StatelessRandomNormal", "StatelessRandomNormalV2", "StatelessTruncatedNormal",
        "StatelessTruncatedNormalV2", "StatelessMultinomial", "StatelessRandomBinomial",
        "StatelessRandomPoisson", "StatelessRandomGammaV2", "StatelessRandomGammaV3",
        "StatelessShuffle", "StatelessRandomGetKeyCounter", "StatelessRandomGetAlg",
        "StatelessRandomGetKeyCounterAlg", "StatefulStandardNormalV2", "StatefulUniform",
        "StatefulUniformInt", "StatefulUniformFullInt", "StatefulTruncatedNormal", "RngSkip",
        "RngReadAndSkip", "RandomIndexShuffle"));
    g.put("strings and parsing of input bytes", Set.of(
        "StringJoin", "StringSplit", "StringSplitV2", "StringLower", "StringUpper",
        "StringStrip", "StringLength", "Substr", "RegexReplace", "StaticRegexReplace",
        "RegexFullMatch", "StaticRegexFullMatch", "StringToNumber", "AsString", "StringFormat",
        "ReduceJoin", "UnsortedSegmentJoin", "StringToHashBucket", "StringToHashBucketFast",
        "StringToHashBucketStrong", "StringNGrams", "UnicodeDecode", "UnicodeDecodeWithOffsets",
        "UnicodeEncode", "UnicodeTranscode", "UnicodeScript", "EncodeBase64", "DecodeBase64",
        "DecodeRaw", "DecodePaddedRaw", "DecodeCSV", "DecodeJSONExample", "ParseExample",
        "ParseExampleV2", "ParseSingleExample", "ParseSequenceExample", "ParseSequenceExampleV2",
        "ParseSingleSequenceExample", "ParseTensor", "SerializeTensor", "ShardedFilename",
        "ShardedFilespec"));
    g.put("tensor lists, arrays, maps and stacks", Set.of(
        "EmptyTensorList", "TensorListFromTensor", "TensorListReserve", "TensorListGetItem",
        "TensorListSetItem", "TensorListStack", "TensorListLength", "TensorListElementShape",
        "TensorListPushBack", "TensorListPushBackBatch", "TensorListPopBack", "TensorListGather",
        "TensorListScatter", "TensorListScatterV2", "TensorListScatterIntoExistingList",
        "TensorListConcat", "TensorListConcatV2", "TensorListConcatLists", "TensorListSplit",
        "TensorListResize", "TensorArrayV3", "TensorArrayReadV3", "TensorArrayWriteV3",
        "TensorArrayGatherV3", "TensorArrayScatterV3", "TensorArraySizeV3",
        "TensorArrayCloseV3", "TensorArrayConcatV3", "TensorArraySplitV3", "TensorArrayGradV3",
        "TensorArrayGradWithShape", "EmptyTensorMap", "TensorMapInsert", "TensorMapLookup",
        "TensorMapErase", "TensorMapHasKey", "TensorMapSize", "TensorMapStackKeys", "StackV2",
        "StackPushV2", "StackPopV2", "StackCloseV2"));
    g.put("sparse and ragged tensors", Set.of(
        "SparseToDense", "SparseTensorDenseMatMul", "SparseTensorDenseAdd", "SparseReshape",
        "SparseFillEmptyRows", "SparseSlice", "SparseConcat", "SparseReorder", "SparseAdd",
        "SparseReduceSum", "SparseReduceMax", "SparseSoftmax", "SparseDenseCwiseMul",
        "SparseDenseCwiseAdd", "SparseDenseCwiseDiv", "SparseCross", "SparseCrossV2",
        "SparseCrossHashed", "SparseSplit", "SerializeSparse", "DeserializeSparse",
        "RaggedTensorToTensor", "RaggedTensorToSparse", "RaggedGather", "RaggedRange",
        "RaggedTensorToVariant", "RaggedTensorFromVariant", "RaggedCross"));
    Map<String, Set<String>> frozen = new LinkedHashMap<>();
    g.forEach((group, ops) ->
        frozen.put(group, Collections.unmodifiableSortedSet(new TreeSet<>(ops))));
    return Collections.unmodifiableMap(frozen);
  }

  private static Set<String> union(Map<String, Set<String>> groups) {
    Set<String> all = new TreeSet<>();
    groups.values().forEach(all::addAll);
    return Collections.unmodifiableSet(all);
  }
}
