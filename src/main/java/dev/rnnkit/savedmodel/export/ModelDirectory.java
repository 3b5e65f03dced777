package dev.rnnkit.savedmodel.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rnnkit.data.KerasTextRules;
import dev.rnnkit.data.Utf8;
import dev.rnnkit.io.AtomicWrite;
import dev.rnnkit.io.Json;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.ModelConfig;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.ServingKeys;
import dev.rnnkit.model.Weight;
import dev.rnnkit.model.WeightVariables;
import dev.rnnkit.savedmodel.LoadOptions;
import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.safety.AssetFiles;
import dev.rnnkit.optimizers.Optimizer;
import dev.rnnkit.losses.Loss;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RNNKit model on disk: a SavedModel (see {@link ModelExporter}) plus {@code rnnkit.json},
 * which describes the architecture, loss, optimizer and text settings so that RNNKit can rebuild
 * a trainable model. The weights are read back from the SavedModel's own variables, so the served
 * model and the reloaded one cannot drift apart.
 */
public final class ModelDirectory {

  public static final String CONFIG_FILE = "rnnkit.json";

  /** Reads rnnkit.json; fields that a later release adds are skipped. */
  private static final ObjectReader CONFIG_READER = Json.reader()
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).forType(ModelConfig.class);

  /** A loaded model with its description and, for text models, its vocabulary. */
  public record Loaded(Model model, ModelConfig config, List<String> vocabulary)
      implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  private ModelDirectory() {}

  /** Files written into a model's folder with the model, so that they change with it or not at all. */
  @FunctionalInterface
  public interface Companions {
    void writeInto(Path folder) throws IOException;
  }

  /**
   * Saves {@code model} to {@code dir} atomically; refuses an existing {@code dir} unless
   * {@code force}.
   *
   * @param vocabulary words by rank for the text signature, or null
   * @param numWords Keras's num_words of that vocabulary (ids at or above become 2)
   */
  public static void save(Model model, Path dir, List<String> vocabulary, int numWords,
      boolean force) throws IOException {
    save(model, dir, vocabulary, numWords, force, folder -> { });
  }

  /**
   * Saves {@code model} with {@code companions} (metrics, plots) in its folder: all of it replaces
   * what is in {@code dir} in one rename, or, if anything fails, nothing does.
   */
  public static void save(Model model, Path dir, List<String> vocabulary, int numWords,
      boolean force, Companions companions) throws IOException {
    save(model, dir, vocabulary, numWords, force, companions,
        ServingKeys.rnnkit(model.architecture()));
  }

  /**
   * As above, with the keys of the {@code serving_default} signature: Keras's for a model
   * imported from Keras ({@link ServingKeys#keras}), the loaded model's own when it is saved
   * again ({@link ModelConfig#servingKeys()}).
   */
  public static void save(Model model, Path dir, List<String> vocabulary, int numWords,
      boolean force, Companions companions, ServingKeys keys) throws IOException {
    save(model, dir, vocabulary, numWords, force, companions, keys, null);
  }

  /**
   * As above, recording the names of the model's classes 0, 1, ... in rnnkit.json so that
   * predictions can be printed by name (null: none recorded).
   */
  public static void save(Model model, Path dir, List<String> vocabulary, int numWords,
      boolean force, Companions companions, ServingKeys keys, List<String> classNames)
      throws IOException {
    Sequential architecture = model.architecture();
    List<Weight> weights = model.weights();
    List<String> served = servedWords(vocabulary, numWords);
    ModelConfig.TextSettings text = vocabulary == null ? null : new ModelConfig.TextSettings(
        "assets/" + ModelExporter.VOCABULARY_ASSET, numWords, architecture.input().timeSteps());
    ModelConfig config = ModelConfig.of(architecture, model.loss().configName(),
        optimizerConfig(model.optimizer()), model.iterations(), text, keys, classNames);
    // A killed save may have left the last model aside: put it back before looking for one.
    AtomicWrite.removeLeftovers(dir);
    if (!force && Files.exists(dir)) {
      throw new FileAlreadyExistsException(dir.toAbsolutePath().normalize().toString(), null,
          "a model is already there; pass --force (API: force=true) to replace it");
    }
    AtomicWrite.directory(dir, folder -> {
      ModelExporter.writeSavedModel(architecture, weights, served, keys, folder);
      JavaPredictions.write(folder, architecture, keys, served != null);
      Json.prettyWriter().writeValue(folder.resolve(CONFIG_FILE).toFile(), config);
      companions.writeInto(folder);
    });
  }

  /** The words below num_words, which the text signature serves; null for a model of ids. */
  private static List<String> servedWords(List<String> vocabulary, int numWords) {
    if (vocabulary == null) {
      return null;
    }
    int kept = Math.max(0, numWords - KerasTextRules.FIRST_WORD_ID);
    List<String> served = vocabulary.subList(0, Math.min(vocabulary.size(), kept));
    if (served.isEmpty()) {
      // TensorFlow cannot fill the text signature's lookup table from an empty file.
      throw new IllegalArgumentException("The vocabulary to save is empty: a text model needs at"
          + " least one word. Fit the vectorizer on texts that hold words, or pass no vocabulary"
          + " (null) for a model of token ids");
    }
    return served;
  }

  /**
   * Clears what a killed {@link #save} to {@code dir} left beside it (its hidden temporary
   * folders), putting back the model it had moved aside if the new one never arrived. Nothing
   * else is touched.
   */
  public static void removeLeftovers(Path dir) throws IOException {
    AtomicWrite.removeLeftovers(dir);
  }

  /** rnnkit.json's {@code optimizer}: Keras's class name and config. */
  private static Map<String, Object> optimizerConfig(Optimizer optimizer) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("class_name", optimizer.kerasClassName());
    config.put("config", optimizer.kerasConfig());
    return config;
  }

  /**
   * The optimizer of rnnkit.json: {@code {class_name, config}}, or, in files written before
   * other optimizers existed, Adam's config itself (name, learning_rate, beta_1, beta_2, epsilon).
   */
  @SuppressWarnings("unchecked")
  static Optimizer readOptimizer(Map<String, ?> saved) {
    if (saved == null) {
      throw new IllegalArgumentException(CONFIG_FILE + " has no optimizer: it is damaged;"
          + " save the model again");
    }
    if (saved.containsKey("class_name")) {
      Object config = saved.get("config");
      return Optimizer.fromKeras(String.valueOf(saved.get("class_name")),
          config instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of());
    }
    return Optimizer.fromKeras("Adam", saved);
  }

  /** The description of a saved RNNKit model, without loading it. */
  public static ModelConfig readConfig(Path dir) throws IOException {
    try (Reader reader = Utf8.reader(dir.resolve(CONFIG_FILE))) {
      return CONFIG_READER.readValue(reader);
    }
  }

  /** Whether {@code dir} looks like an RNNKit model (has {@code rnnkit.json}). */
  public static boolean isModelDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG_FILE));
  }

  /**
   * Loads a saved RNNKit model, compiled and ready to predict or train further, after checking
   * its SavedModel's ops as {@link SavedModel#load(Path)} does.
   */
  public static Loaded load(Path dir) throws IOException {
    return load(dir, LoadOptions.defaults());
  }

  /**
   * Loads a saved RNNKit model; the options choose the MetaGraph's tags and whether its graph is
   * trusted. The weights are read by running the SavedModel's restore op, so an untrusted graph is
   * checked first.
   *
   * @throws dev.rnnkit.savedmodel.UntrustedModelException if the graph holds ops that need trust
   */
  public static Loaded load(Path dir, LoadOptions options) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null,
          "no model folder there; give the folder that train or export wrote");
    }
    Path configFile = dir.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new IllegalArgumentException(dir + " is not an RNNKit model (no " + CONFIG_FILE
          + "). For any other SavedModel use 'predict --model DIR --signature NAME --input key=JSON'"
          + " or 'inspect DIR'.");
    }
    ModelConfig config = readConfig(dir);
    // Read before the model is compiled, so that a bad vocabulary leaves no session open.
    List<String> vocabulary = config.text() == null ? null
        : Utf8.readLines(insideModel(dir, config.text().vocabularyFile()));
    Sequential architecture = config.architecture();
    List<Weight> weights = readWeights(dir, architecture, options);
    Optimizer optimizer = readOptimizer(config.optimizer());
    Model model = Model.compile(architecture, optimizer, Loss.fromConfigName(config.loss()), weights);
    return new Loaded(model, config, vocabulary);
  }

  /**
   * A file that {@code rnnkit.json} names, which must lie inside the model folder: a copied or
   * downloaded model must not make RNNKit read files elsewhere.
   */
  private static Path insideModel(Path dir, String relative) throws IOException {
    Path file = dir.resolve(relative);
    boolean inside = AssetFiles.nameProblem(relative).isEmpty()
        && (!Files.exists(file) || file.toRealPath().startsWith(dir.toRealPath()));
    if (!inside) {
      throw new IllegalArgumentException(dir.resolve(CONFIG_FILE) + " names the file '" + relative
          + "', which is outside the model folder; a model reads only its own files. Save the"
          + " model again with RNNKit");
    }
    return file;
  }

  private static List<Weight> readWeights(Path dir, Sequential architecture, LoadOptions options) {
    try (SavedModel saved = SavedModel.load(dir, options)) {
      return saved.withSession(session -> WeightVariables.read(session, architecture.weightSpecs()));
    }
  }
}
