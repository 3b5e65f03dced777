package dev.rnnkit.savedmodel;

import java.util.List;

/**
 * How to load a SavedModel: which MetaGraph, and whether its graph is trusted.
 *
 * <p>A SavedModel is a program, not data: its graph may read and write files (ReadFile,
 * WriteFile, checkpoint ops), and loading it runs its restore and init ops. Untrusted (the
 * default), a model whose graph or function library holds any op beyond those that compute in
 * memory is refused before TensorFlow sees it; see {@link
 * dev.rnnkit.savedmodel.safety.GraphSafety}.
 *
 * @param tags the tag-set of the MetaGraph to load, compared as a set
 * @param trustModel skip the check of the graph's ops; only for models whose origin you trust
 * @param intraOpThreads threads one op may use; 0 leaves TensorFlow's default (every core). Where
 *     several callers share the cores, as Spark's tasks do, 1 lets each call keep to its core.
 */
public record LoadOptions(List<String> tags, boolean trustModel, int intraOpThreads) {

  public LoadOptions(List<String> tags, boolean trustModel) {
    this(tags, trustModel, 0);
  }

  public LoadOptions {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be 0 (TensorFlow's default) or"
          + " more, not " + intraOpThreads);
    }
    tags = List.copyOf(tags);
    if (tags.isEmpty()) {
      throw new IllegalArgumentException(
          "Give at least one tag; Python's exporters tag the MetaGraph '"
              + SavedModelContents.SERVE_TAG + "'");
    }
  }

  /** Tag "serve", graph checked. */
  public static LoadOptions defaults() {
    return new LoadOptions(List.of(SavedModelContents.SERVE_TAG), false);
  }

  /** Tag "serve", graph trusted: for models you made or whose origin you trust. */
  public static LoadOptions trusted() {
    return defaults().withTrust(true);
  }

  public LoadOptions withTags(String... tags) {
    return new LoadOptions(List.of(tags), trustModel, intraOpThreads);
  }

  public LoadOptions withTrust(boolean trust) {
    return new LoadOptions(tags, trust, intraOpThreads);
  }

  public LoadOptions withIntraOpThreads(int threads) {
    return new LoadOptions(tags, trustModel, threads);
  }
}
