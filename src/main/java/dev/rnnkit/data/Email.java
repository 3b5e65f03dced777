package dev.rnnkit.data;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One e-mail of the SpamAssassin corpus ({@link SpamAssassinEmails}) as it was received: headers,
 * an empty line, the body.
 *
 * @param group the corpus's folder, e.g. {@code easy-ham-1}
 * @param id the file's number in its group, e.g. {@code 00042}
 * @param text the whole message, headers included
 */
public record Email(String group, String id, String text) {

  public Email {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    if (!SpamAssassinEmails.GROUP_CLASSES.containsKey(group)) {
      throw new IllegalArgumentException("Unknown group '" + group + "': the groups are "
          + SpamAssassinEmails.GROUP_CLASSES.keySet());
    }
  }

  /** The class index: 0 easy ham, 1 hard ham, 2 spam ({@link SpamAssassinEmails#CLASS_NAMES}). */
  public int label() {
    return SpamAssassinEmails.GROUP_CLASSES.get(group);
  }

  public String className() {
    return SpamAssassinEmails.CLASS_NAMES.get(label());
  }

  /** Where the headers end: the first empty line (lines end in LF here, CRLF in some mail). */
  private int headerEnd() {
    String normalized = text.replace("\r\n", "\n");
    int blank = normalized.indexOf("\n\n");
    return blank < 0 ? -1 : blank;
  }

  /** The headers, as one string with LF line ends; all of the text if it has no empty line. */
  private String headers() {
    String normalized = text.replace("\r\n", "\n");
    int end = headerEnd();
    return end < 0 ? normalized : normalized.substring(0, end);
  }

  /** Everything after the headers' empty line, as received (MIME parts are not decoded). */
  public String body() {
    String normalized = text.replace("\r\n", "\n");
    int end = headerEnd();
    return end < 0 ? "" : normalized.substring(end + 2);
  }

  /** The Subject header's value, folded lines joined; empty if there is none. */
  public String subject() {
    String[] lines = headers().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].toLowerCase(Locale.ROOT).startsWith("subject:")) {
        StringBuilder subject = new StringBuilder(lines[i].substring("subject:".length()).trim());
        // A folded header continues on lines that start with a space or tab (RFC 5322, 2.2.3).
        for (int k = i + 1; k < lines.length && (lines[k].startsWith(" ")
            || lines[k].startsWith("\t")); k++) {
          subject.append(' ').append(lines[k].trim());
        }
        return subject.toString();
      }
    }
    return "";
  }

  /**
   * What a model reads: the subject and the body, every other header left out (the routing
   * headers name the corpus's own mail servers and mailing lists, which would give the class
   * away), cut to the first {@code maxWords} words as {@link WordTokenizer} splits them (so in
   * its lowercase, punctuation-free form), or all of them with {@code maxWords} 0.
   */
  public String modelText(int maxWords) {
    if (maxWords < 0) {
      throw new IllegalArgumentException("maxWords must be at least 0 (0: every word), got "
          + maxWords);
    }
    List<String> words = WordTokenizer.words(subject() + "\n" + body());
    return String.join(" ", maxWords == 0 ? words : words.subList(0, Math.min(maxWords,
        words.size())));
  }
}
