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
 * @param threadsPerCall 0: TensorFlow's default thread pools, which give every call all cores;
 *     n: each call runs its ops in the calling thread, an op on at most n threads. Where callers
 *     share the cores, as Spark's tasks do (one per core), 1 keeps each call to its caller's core.
 */
public record LoadOptions(List<String> tags, boolean trustModel, int threadsPerCall) {

  public LoadOptions(List<String> tags, boolean trustModel) {
    this(tags, trustModel, 0);
  }

  public LoadOptions {
    if (threadsPerCall < 0) {
      throw new IllegalArgumentException("threadsPerCall must be 0 (TensorFlow's default pools)"
          + " or more, not " + threadsPerCall);
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
    return new LoadOptions(List.of(tags), trustModel, threadsPerCall);
  }

  public LoadOptions withTrust(boolean trust) {
    return new LoadOptions(tags, trust, threadsPerCall);
  }

  public LoadOptions withThreadsPerCall(int threads) {
    return new LoadOptions(tags, trustModel, threads);
  }
}
