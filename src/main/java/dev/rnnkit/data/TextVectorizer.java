package dev.rnnkit.data;

import static dev.rnnkit.data.KerasTextRules.FIRST_WORD_ID;
import static dev.rnnkit.data.KerasTextRules.INDEX_FROM;
import static dev.rnnkit.data.KerasTextRules.OUT_OF_VOCABULARY_ID;
import static dev.rnnkit.data.KerasTextRules.START_ID;

import dev.rnnkit.io.AtomicWrite;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns texts into the id sequences {@code keras.datasets.imdb} gives, with a vocabulary fitted
 * on training texts.
 *
 * <p>Words (see {@link WordTokenizer}) are ranked by how often they occur in the training texts,
 * most frequent first; equally frequent words keep the order in which they first occur (what
 * Keras's {@code Tokenizer} does, its sort being stable over first-seen order). The word of rank
 * r (1 = most frequent) gets id r + {@link KerasTextRules#INDEX_FROM}. Id {@link
 * KerasTextRules#PADDING_ID} pads, {@link KerasTextRules#START_ID} starts every sequence, and
 * {@link KerasTextRules#OUT_OF_VOCABULARY_ID} stands for an unseen word and for every id at or
 * above {@code numWords}. Sequences are then padded or truncated at the front to {@code
 * maxLength} (see {@link SequencePadding}).
 *
 * <p>Immutable. {@link #save} and {@link #load} keep the vocabulary in a text file so that a
 * trained model can read raw text later; the format is described at {@link #save}.
 */
public final class TextVectorizer {

  private static final String FORMAT_NAME = "rnnkit-vocabulary";
  private static final int FORMAT_VERSION = 1;
  private static final Pattern HEADER = Pattern.compile(
      "# " + FORMAT_NAME + " (\\d+) num_words=(\\d+) max_length=(\\d+|none) index_from=(\\d+)");

  private final VectorizerConfig config;
  private final List<String> rankedWords;
  /** Ids of the words that stay below numWords; every other word is out of vocabulary. */
  private final Map<String, Integer> keptIds;

  private TextVectorizer(VectorizerConfig config, List<String> rankedWords) {
    this.config = config;
    this.rankedWords = List.copyOf(rankedWords);
    int kept = Math.min(rankedWords.size(), config.numWords() - FIRST_WORD_ID);
    this.keptIds = new HashMap<>(kept * 2);
    for (int rank = 1; rank <= kept; rank++) {
      keptIds.put(rankedWords.get(rank - 1), rank + INDEX_FROM);
    }
  }

  /** A vectorizer whose vocabulary is ranked on {@code trainingTexts} only. */
  public static TextVectorizer fit(Collection<String> trainingTexts, VectorizerConfig config) {
    Map<String, Integer> counts = new LinkedHashMap<>(); // iteration order = first occurrence
    for (String text : trainingTexts) {
      for (String word : WordTokenizer.words(text)) {
        // A carriage return (kept inside words, as Keras keeps it) cannot stand in a
        // one-word-per-line vocabulary file: such words stay out-of-vocabulary.
        if (word.indexOf('\r') < 0) {
          counts.merge(word, 1, Integer::sum);
        }
      }
    }
    List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
    // List.sort is stable, so ties stay in first-occurrence order.
    byCount.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
    List<String> ranked = new ArrayList<>(byCount.size());
    byCount.forEach(e -> ranked.add(e.getKey()));
    return new TextVectorizer(config, ranked);
  }

  /** A vectorizer over words already ranked, most frequent first. */
  public static TextVectorizer ofRankedWords(List<String> rankedWords, VectorizerConfig config) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < rankedWords.size(); i++) {
      String word = rankedWords.get(i);
      String problem = problemWith(word, seen.putIfAbsent(word, i + 1), "rank");
      if (problem != null) {
        throw new IllegalArgumentException("Ranked word " + (i + 1) + " " + problem);
      }
    }
    return new TextVectorizer(config, rankedWords);
  }

  public VectorizerConfig config() {
    return config;
  }

  /** Number of distinct words in the training texts, before the {@code numWords} cut. */
  public int vocabularySize() {
    return rankedWords.size();
  }

  /** All words seen in training, most frequent first (the word at index i has id i + 4). */
  public List<String> rankedWords() {
    return rankedWords;
  }

  /**
   * The id of one word as {@link WordTokenizer} produces it; {@link
   * KerasTextRules#OUT_OF_VOCABULARY_ID} if not kept.
   */
  public int idOf(String word) {
    return keptIds.getOrDefault(word, OUT_OF_VOCABULARY_ID);
  }

  /**
   * {@link KerasTextRules#START_ID} followed by the id of each word of {@code text}: unpadded,
   * untruncated.
   */
  public int[] wordIds(String text) {
    List<String> words = WordTokenizer.words(text);
    int[] ids = new int[words.size() + 1];
    ids[0] = START_ID;
    for (int i = 0; i < words.size(); i++) {
      ids[i + 1] = idOf(words.get(i));
    }
    return ids;
  }

  /** The model input for {@code text}: exactly {@code maxLength} ids, or all of its ids. */
  public int[] encode(String text) {
    return config.keepsLengths() ? wordIds(text)
        : SequencePadding.pre(wordIds(text), config.maxLength());
  }

  /** The texts as [n, maxLength] token ids (ragged without a maximum) with their labels. */
  public SequenceData vectorize(List<LabelledText> texts) {
    float[] labels = new float[texts.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = texts.get(i).label();
    }
    List<String> plain = texts.stream().map(LabelledText::text).toList();
    return encoded(plain, labels);
  }

  /** The texts as [n, maxLength] token ids, without labels (for prediction). */
  public SequenceData vectorizeUnlabelled(List<String> texts) {
    return encoded(texts, null);
  }

  private SequenceData encoded(List<String> texts, float[] labels) {
    if (config.keepsLengths()) {
      return SequenceData.ofRaggedTokens(
          texts.stream().map(this::wordIds).toArray(int[][]::new), labels);
    }
    return SequenceData.ofTokens(config.maxLength(), encodeAll(texts), labels);
  }

  private int[] encodeAll(List<String> texts) {
    int length = config.maxLength();
    int[] flat = new int[texts.size() * length];
    for (int i = 0; i < texts.size(); i++) {
      System.arraycopy(encode(texts.get(i)), 0, flat, i * length, length);
    }
    return flat;
  }

  /**
   * Writes the vocabulary as UTF-8 text: a header line {@code # rnnkit-vocabulary 1
   * num_words=N max_length=L index_from=3}, then every training word, one per line, most
   * frequent first, so the word on line k (counting the header as line 1) has id k + 2. Words
   * never hold whitespace or a filtered character, so no quoting is needed.
   */
  public void save(Path file) throws IOException {
    AtomicWrite.file(file, temporary -> {
      try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        writer.write("# " + FORMAT_NAME + " " + FORMAT_VERSION + " num_words=" + config.numWords()
            + " max_length=" + (config.keepsLengths() ? "none" : config.maxLength())
            + " index_from=" + INDEX_FROM + "\n");
        for (String word : rankedWords) {
          writer.write(word);
          writer.write('\n');
        }
      }
    });
  }

  /** Reads a file written by {@link #save}. */
  public static TextVectorizer load(Path file) throws IOException {
    String remake = "write the vocabulary again with TextVectorizer.save";
    try (BufferedReader reader = Utf8.reader(file)) {
      String header = reader.readLine();
      Matcher m = header == null ? null : HEADER.matcher(header);
      if (m == null || !m.matches()) {
        throw new DataFileException(file, 1, "not a vocabulary file: the first line must be like '# "
            + FORMAT_NAME + " " + FORMAT_VERSION + " num_words=10000 max_length=50 index_from="
            + INDEX_FROM + "'; " + remake);
      }
      if (Integer.parseInt(m.group(1)) != FORMAT_VERSION || Integer.parseInt(m.group(4)) != INDEX_FROM) {
        throw new DataFileException(file, 1, "this vocabulary has format " + m.group(1)
            + " and index_from " + m.group(4) + "; this version reads format " + FORMAT_VERSION
            + " with index_from " + INDEX_FROM + ": " + remake);
      }
      VectorizerConfig config;
      try {
        config = new VectorizerConfig(Integer.parseInt(m.group(2)), m.group(3).equals("none")
            ? VectorizerConfig.NO_MAX_LENGTH : Integer.parseInt(m.group(3)));
      } catch (IllegalArgumentException e) {
        throw new DataFileException(file, 1, e.getMessage() + "; " + remake, e);
      }
      List<String> words = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (String word = reader.readLine(); word != null; word = reader.readLine()) {
        long line = words.size() + 2L;
        String problem = problemWith(word, seen.putIfAbsent(word, (int) line), "line");
        if (problem != null) {
          throw new DataFileException(file, line, "the word " + problem + "; " + remake);
        }
        words.add(word);
      }
      return new TextVectorizer(config, words);
    }
  }

  /**
   * Why {@code word} cannot be in a vocabulary, or null; {@code earlier} is where it already
   * appeared (a {@code place}: rank or line), or null.
   */
  private static String problemWith(String word, Integer earlier, String place) {
    if (earlier != null) {
      return "'" + word + "' appears twice (first at " + place + " " + earlier + ")";
    }
    if (word.indexOf('\r') >= 0) {
      return "'" + word + "' holds a carriage return, which a one-word-per-line vocabulary cannot";
    }
    if (!WordTokenizer.words(word).equals(List.of(word))) {
      return "'" + word + "' is not one lowercase word without punctuation or spaces, so no text"
          + " could ever produce it";
    }
    return null;
  }
}
