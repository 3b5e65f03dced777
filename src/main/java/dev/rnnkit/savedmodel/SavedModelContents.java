package dev.rnnkit.savedmodel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tensorflow.proto.SavedModel;

/**
 * What a SavedModel folder declares: its MetaGraphs with their tags and signatures, read from
 * {@code saved_model.pb} with TensorFlow Java's protobuf classes. No TensorFlow session is
 * started, so inspection is cheap and works even where a graph could not be loaded.
 *
 * @param dir the SavedModel folder
 * @param metaGraphs its MetaGraphs, sorted by tag-set as saved_model_cli lists them
 */
public record SavedModelContents(Path dir, List<MetaGraphSpec> metaGraphs) {

  /** The file that makes a folder a SavedModel. */
  public static final String SAVED_MODEL_FILE = "saved_model.pb";

  /** The tag Python's {@code model.save} and {@code tf.saved_model.save} give the MetaGraph. */
  public static final String SERVE_TAG = "serve";

  /** How many folder entries an error message names before it stops. */
  private static final int LISTED_ENTRIES = 20;

  public SavedModelContents {
    metaGraphs =
        metaGraphs.stream().sorted(Comparator.comparing(MetaGraphSpec::tags, TAG_ORDER)).toList();
  }

  /** Python compares tag lists element by element, a shorter prefix first. */
  private static final Comparator<List<String>> TAG_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = a.get(i).compareTo(b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  /**
   * Reads the folder's {@code saved_model.pb}.
   *
   * @throws SavedModelException if the folder is missing, is not a SavedModel or cannot be parsed
   */
  public static SavedModelContents read(Path dir) {
    return of(dir, readProto(dir));
  }

  /** What the parsed saved_model.pb of {@code dir} declares. */
  static SavedModelContents of(Path dir, SavedModel proto) {
    return new SavedModelContents(
        dir, proto.getMetaGraphsList().stream().map(MetaGraphSpec::fromProto).toList());
  }

  /**
   * The folder's {@code saved_model.pb}, parsed.
   *
   * @throws SavedModelException as {@link #read(Path)}
   */
  static SavedModel readProto(Path dir) {
    Path file = savedModelFile(dir);
    try (InputStream in = Files.newInputStream(file)) {
      return SavedModel.parseFrom(in);
    } catch (IOException e) {
      // InvalidProtocolBufferException is an IOException: a truncated or foreign file.
      throw new SavedModelException(
          "Cannot read " + file + " as a SavedModel protocol buffer (the saved_model.pb that"
              + " TensorFlow's exporters write): " + e.getMessage() + " The file is damaged,"
              + " truncated or not a SavedModel; copy or export the model again.", e);
    }
  }

  /**
   * The saved_model.pb of a folder, after checking that it is there (nothing is parsed).
   *
   * @throws SavedModelException if the folder is missing, is a file, or holds no saved_model.pb
   *     (listing what it holds)
   */
  public static Path savedModelFile(Path dir) {
    if (!Files.exists(dir)) {
      throw new SavedModelException("SavedModel folder not found: " + dir.toAbsolutePath());
    }
    if (!Files.isDirectory(dir)) {
      throw new SavedModelException(
          dir.toAbsolutePath() + " is a file, not a SavedModel folder (a folder holding "
              + SAVED_MODEL_FILE + " and variables/)");
    }
    Path file = dir.resolve(SAVED_MODEL_FILE);
    if (!Files.isRegularFile(file)) {
      throw new SavedModelException(
          dir.toAbsolutePath() + " is not a SavedModel: it has no " + SAVED_MODEL_FILE + ". "
              + entriesListing(dir));
    }
    return file;
  }

  private static String entriesListing(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      List<String> names =
          entries.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
      if (names.isEmpty()) {
        return "The folder is empty.";
      }
      String shown = names.stream().limit(LISTED_ENTRIES).collect(Collectors.joining(", "));
      int hidden = names.size() - LISTED_ENTRIES;
      return "It contains: " + shown + (hidden > 0 ? " and " + hidden + " more" : "") + ".";
    } catch (IOException e) {
      return "Its entries cannot be listed: " + e.getMessage();
    }
  }

  /**
   * The MetaGraph whose tag-set is exactly these tags (as sets, like TensorFlow's loader).
   *
   * @throws SavedModelException naming the tag-sets present when none matches
   */
  public MetaGraphSpec metaGraph(String... tags) {
    Set<String> requested = new LinkedHashSet<>(Arrays.asList(tags));
    return metaGraphs.stream()
        .filter(mg -> mg.matches(requested))
        .findFirst()
        .orElseThrow(
            () ->
                new SavedModelException(
                    "No MetaGraph in " + dir + " has the tag-set '" + String.join(", ", requested)
                        + "'. Tag-sets present: " + tagSetsListing()));
  }

  /** "'serve'" or "'serve', 'serve, gpu'": every MetaGraph's tag-set, quoted. */
  public String tagSetsListing() {
    if (metaGraphs.isEmpty()) {
      return "none (the SavedModel holds no MetaGraph)";
    }
    return metaGraphs.stream()
        .map(mg -> "'" + mg.tagSetText() + "'")
        .collect(Collectors.joining(", "));
  }
}
