package dev.rnnkit.savedmodel;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;

/**
 * One MetaGraph of a SavedModel: the tags that select it and the signatures it holds.
 *
 * @param tags its tag-set in stored order (saved_model_cli prints them in that order)
 * @param signatures every SignatureDef by key, including TensorFlow's own
 *     {@value #INIT_OP_SIGNATURE_KEY} marker
 */
public record MetaGraphSpec(List<String> tags, SortedMap<String, SignatureSpec> signatures) {

  /**
   * The key under which TF2 SavedModels record their initializer op. It is listed by
   * saved_model_cli but is not a function one can call.
   */
  public static final String INIT_OP_SIGNATURE_KEY = "__saved_model_init_op";

  public MetaGraphSpec {
    tags = List.copyOf(tags);
    signatures = Collections.unmodifiableSortedMap(new TreeMap<>(signatures));
  }

  static MetaGraphSpec fromProto(MetaGraphDef def) {
    SortedMap<String, SignatureSpec> signatures = new TreeMap<>();
    def.getSignatureDefMap()
        .forEach((key, sig) -> signatures.put(key, SignatureSpec.fromProto(key, sig)));
    return new MetaGraphSpec(def.getMetaInfoDef().getTagsList(), signatures);
  }

  /** The signatures one can call: all but the initializer marker. */
  public SortedMap<String, SignatureSpec> callableSignatures() {
    SortedMap<String, SignatureSpec> callable = new TreeMap<>(signatures);
    callable.remove(INIT_OP_SIGNATURE_KEY);
    return Collections.unmodifiableSortedMap(callable);
  }

  /**
   * Whether this MetaGraph is the one TensorFlow's loader picks for these tags: like the loader,
   * it compares the tags as sets, so order and repetition do not matter but every tag counts.
   */
  public boolean matches(Set<String> requestedTags) {
    return Set.copyOf(tags).equals(requestedTags);
  }

  /** The tag-set as saved_model_cli prints it: "serve" or "serve, gpu". */
  public String tagSetText() {
    return String.join(", ", tags);
  }
}
