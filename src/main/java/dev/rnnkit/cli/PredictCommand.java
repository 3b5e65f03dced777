package dev.rnnkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.data.Utf8;
import dev.rnnkit.savedmodel.LoadOptions;
import dev.rnnkit.model.ModelConfig;
import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.SignatureRunner;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import dev.rnnkit.savedmodel.export.ModelExporter;
import dev.rnnkit.savedmodel.export.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict with a saved model.",
        "Text: --text \"...\" (repeatable) or --input FILE (one text per line) on a model that"
        + " train or examples wrote: prints the probability of a positive review per text, or for"
        + " a model of several classes the most probable class and its probability.",
        "Any SavedModel: --input key=JSON (repeatable) [--signature NAME] runs that signature and"
        + " prints its outputs as JSON, e.g. --input input_6=[[[0.1],[0.2],[0.3],[0.4],[0.5]]]."})
final class PredictCommand implements Callable<Integer> {

  private static final Pattern KEY_JSON = Pattern.compile("^[A-Za-z_][\\w./-]*=.*", Pattern.DOTALL);

  @Option(names = "--model", required = true, description = "The model folder (a SavedModel);"
      + " for the output folder of train or examples, its model/ folder.")
  Path model;

  @Option(names = "--text", description = "A text to classify (repeatable).")
  List<String> texts = new ArrayList<>();

  @Option(names = "--input", description = "key=JSON for a signature input (key=@FILE.json reads"
      + " the JSON from a file), or a FILE of texts, one per line (repeatable).")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--signature", description = "Signature to run with key=JSON inputs."
      + " Default: serving_default.")
  String signature;

  @Option(names = "--trust-model", description = "Run the model even if its graph holds ops that"
      + " can read or write files or run code (ReadFile, WriteFile, PyFunc, ...); only for models"
      + " whose origin you trust.")
  boolean trustModel;

  @Override
  public Integer call() throws IOException {
    List<String> jsonInputs = new ArrayList<>();
    List<String> allTexts = new ArrayList<>(texts);
    for (String input : inputs) {
      if (KEY_JSON.matcher(input).matches() && !Files.exists(Path.of(input))) {
        jsonInputs.add(input);
      } else {
        allTexts.addAll(readTexts(Path.of(input)));
      }
    }
    if (!jsonInputs.isEmpty() && !allTexts.isEmpty()) {
      throw new IllegalArgumentException("Give either texts (--text, --input FILE) or signature"
          + " inputs (--input key=JSON), not both");
    }
    if (jsonInputs.isEmpty() && allTexts.isEmpty()) {
      throw new IllegalArgumentException("Nothing to predict: give --text \"...\", --input FILE of"
          + " texts, or --input key=JSON for a signature");
    }
    // Every form of predict finds (or misses) the model folder the same way.
    Path folder = ModelFolder.resolve(model, System.err::println);
    if (!jsonInputs.isEmpty()) {
      checkTokenIds(folder, jsonInputs);
      String sig = signature == null ? SavedModel.DEFAULT_SIGNATURE : signature;
      System.out.println(SignatureRunner.run(folder, loadOptions(), sig,
          jsonFromFiles(SignatureRunner.parseInputArguments(jsonInputs))));
    } else {
      predictTexts(folder, allTexts);
    }
    return 0;
  }

  private LoadOptions loadOptions() {
    return LoadOptions.defaults().withTrust(trustModel);
  }

  /**
   * For RNNKit's own models, token ids are checked against the Embedding's input_dim first, so
   * that an out-of-range id gets the same message as in training rather than TensorFlow's.
   */
  private void checkTokenIds(Path folder, List<String> jsonInputs) throws IOException {
    if (!ModelDirectory.isModelDirectory(folder)) {
      return;
    }
    ModelConfig config = ModelDirectory.readConfig(folder);
    var layers = config.architecture().layers();
    if (layers.isEmpty() || !(layers.get(0) instanceof dev.rnnkit.layers.Embedding embedding)) {
      return;
    }
    String idsKey = config.servingKeys().input();
    for (Map.Entry<String, String> input
        : jsonFromFiles(SignatureRunner.parseInputArguments(jsonInputs)).entrySet()) {
      if (!input.getKey().equals(idsKey)) {
        continue;
      }
      checkIds(SignatureRunner.parseValue(input.getKey(), input.getValue()), embedding);
    }
  }

  private static void checkIds(JsonNode node, dev.rnnkit.layers.Embedding embedding) {
    if (node.isArray()) {
      node.forEach(child -> checkIds(child, embedding));
    } else if (node.isNumber() && (node.asLong() < 0 || node.asLong() >= embedding.inputDim())) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Token id %s is out of range: ids must be in [0, %d) for Embedding '%s' (input_dim %d)."
              + " Map rare words to the out-of-vocabulary id 2, or give raw text with --text.",
          node.asText(), embedding.inputDim(), embedding.name(), embedding.inputDim()));
    }
  }

  /**
   * {@code key=@FILE} reads the value from FILE: a large input does not fit on a command line
   * ("Argument list too long").
   */
  static Map<String, String> jsonFromFiles(Map<String, String> inputs) throws IOException {
    Map<String, String> resolved = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      String value = input.getValue();
      if (value.startsWith("@")) {
        Path file = Path.of(value.substring(1));
        if (!Files.isRegularFile(file)) {
          throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such JSON file"
              + " for --input " + input.getKey() + "=@FILE (the path is read from the working"
              + " folder " + Path.of("").toAbsolutePath() + ")");
        }
        value = String.join("\n", Utf8.readLines(file));
      }
      resolved.put(input.getKey(), value);
    }
    return resolved;
  }

  private static List<String> readTexts(Path file) throws IOException {
    // A pipe counts too: --input /dev/stdin, or a shell's <(...) substitution.
    if (!Files.exists(file) || Files.isDirectory(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString(), null,
          "no such file of texts (for a signature input write key=JSON)");
    }
    return Utf8.readLines(file).stream().filter(l -> !l.isBlank()).toList();
  }

  private void predictTexts(Path folder, List<String> all) throws IOException {
    if (!ModelDirectory.isModelDirectory(folder)) {
      throw new IllegalArgumentException(folder + " is not a text model written by RNNKit (no "
          + ModelDirectory.CONFIG_FILE + "); for other SavedModels use --input key=JSON");
    }
    try (SavedModel saved = SavedModel.load(folder, loadOptions())) {
      if (saved.signatures().stream().noneMatch(s -> s.key().equals(ModelExporter.TEXT_SIGNATURE))) {
        throw new IllegalArgumentException(folder + " has no '" + ModelExporter.TEXT_SIGNATURE
            + "' signature (it was trained on ids, not text): use --input token_ids=JSON");
      }
      Map<String, JsonNode> out = saved.callWithValues(ModelExporter.TEXT_SIGNATURE,
          Map.of("text", all.toArray(new String[0])));
      // The text signature serves the model's output under the serving key: "probabilities"
      // for a sigmoid, "outputs" for anything else, such as a softmax.
      ModelConfig config = ModelDirectory.readConfig(folder);
      JsonNode probabilities = out.get(config.servingKeys().output());
      List<String> classNames = config.classNames();
      for (int i = 0; i < all.size(); i++) {
        JsonNode row = probabilities.get(i);
        if (row.size() == 1) {
          double p = row.get(0).asDouble();
          // Two named classes are the binary model: its names replace negative and positive.
          String negative = classNames != null ? classNames.get(0) : "negative";
          String positive = classNames != null ? classNames.get(1) : "positive";
          System.out.printf(Locale.ROOT, "%.4f  %-8s  %s%n", p, p > 0.5 ? positive : negative,
              abbreviate(all.get(i)));
        } else {
          printMostProbable(row, classNames, all.get(i));
        }
      }
    }
  }

  /**
   * A softmax row as its most probable class (by name when the model records names) and that
   * class's probability; the first of equal ones, as Keras's argmax.
   */
  private static void printMostProbable(JsonNode row, List<String> classNames, String text) {
    int best = 0;
    for (int k = 1; k < row.size(); k++) {
      if (row.get(k).asDouble() > row.get(best).asDouble()) {
        best = k;
      }
    }
    String name = classNames != null && best < classNames.size()
        ? classNames.get(best) : Integer.toString(best);
    System.out.printf(Locale.ROOT, "%.4f  %-8s  %s%n", row.get(best).asDouble(), name,
        abbreviate(text));
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 70 ? oneLine : oneLine.substring(0, 67) + "...";
  }
}
