package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rnnkit.data.ImdbReviews;
import dev.rnnkit.data.KerasTextRules;
import dev.rnnkit.data.LabelledText;
import dev.rnnkit.data.TextVectorizer;
import dev.rnnkit.data.VectorizerConfig;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * The exported text signature turns text into the same ids as the Java {@link TextVectorizer}:
 * on texts chosen to hit every rule, and on real reviews when the IMDB cache is present.
 */
class TextPipelineEquivalenceTest {

  private static final int LENGTH = 20;

  private static final List<String> TRICKY = List.of(
      "The Movie was GREAT!!! <br /><br />Loved it.",
      "don't,stop;me\tnow\nplease",
      "  spaces   everywhere  ",
      "Ünïcödé ÉLAN naïve café — “quotes” … ellipsis\u0085word nbsp\u00a0word",
      "carriage\rreturn and tabs\t\t",
      "<BR>upper<br/>variants<br  />here",
      "100% of $5 #1 @home (really) [yes] {no} ~ok~ a_b a-b a.b a/b",
      "",
      "!!!",
      "word ".repeat(40),
      "unknownword1 unknownword2 the");

  /**
   * Texts of words joined by each filter character in turn, so that each one must split; few
   * enough per text that every word stays within the {@code LENGTH} ids kept.
   */
  private static List<String> everyFilterBetweenWords() {
    List<String> texts = new ArrayList<>();
    String filters = KerasTextRules.FILTERS;
    for (int from = 0; from < filters.length(); from += LENGTH / 2) {
      StringBuilder text = new StringBuilder("w");
      int to = Math.min(filters.length(), from + LENGTH / 2);
      for (char c : filters.substring(from, to).toCharArray()) {
        text.append(c).append('w').append((int) c);
      }
      texts.add(text.toString());
    }
    return texts;
  }

  @Test
  void javaAndGraphGiveTheSameIds(@TempDir Path dir) throws Exception {
    List<String> texts = new ArrayList<>(TRICKY);
    texts.addAll(everyFilterBetweenWords());
    Path reviews = ImdbReviews.file(Path.of("data"));
    if (Files.isRegularFile(reviews)) {
      List<LabelledText> real = ImdbReviews.read(reviews);
      real.subList(0, 500).forEach(r -> texts.add(r.text()));
    }
    TextVectorizer vectorizer = TextVectorizer.fit(texts, new VectorizerConfig(300, LENGTH));
    try (Model model = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, false, 300, LENGTH), 1)) {
      ModelDirectory.save(model, dir.resolve("m"), vectorizer.rankedWords(), 300, false);
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.resolve("m").toString(), "serve");
        TString input = TString.vectorOf(texts.toArray(new String[0]));
        Result r = bundle.session().runner().feed("text", input)
            .fetch("text_preprocessing/token_ids").run()) {
      TInt32 ids = (TInt32) r.get(0);
      for (int i = 0; i < texts.size(); i++) {
        int[] row = new int[LENGTH];
        for (int j = 0; j < LENGTH; j++) {
          row[j] = ids.getInt(i, j);
        }
        assertArrayEquals(vectorizer.encode(texts.get(i)), row, "text " + i + ": " + texts.get(i));
      }
    }
  }
}
