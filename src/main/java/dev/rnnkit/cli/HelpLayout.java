package dev.rnnkit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Wraps command descriptions at spaces only. Picocli's own wrapping follows the JDK's line
 * breaker, which also breaks after a full stop inside a word, so "a legacy .h5 file" came out as
 * "a legacy .", "h5 file" and "model.save(dir)" as "model.", "save(dir)".
 */
final class HelpLayout {

  /** Columns between a command's name and its description in the command list. */
  private static final int GAP = 2;

  private HelpLayout() {}

  /** Installs the renderers on this command line and every subcommand. */
  static void apply(CommandLine cli) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
    sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
    cli.setHelpSectionMap(sections);
    cli.getSubcommands().values().forEach(HelpLayout::apply);
  }

  private static String description(CommandLine.Help help) {
    int width = help.commandSpec().usageMessage().width();
    StringBuilder out = new StringBuilder();
    for (String line : text(help.commandSpec().usageMessage().description())) {
      wrap(line, width, "", "").forEach(wrapped -> out.append(wrapped).append('\n'));
    }
    return out.toString();
  }

  private static String commandList(CommandLine.Help help) {
    Map<String, CommandLine.Help> commands = help.subcommands();
    if (commands.isEmpty()) {
      return "";
    }
    int nameWidth = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
    String indent = " ".repeat(2 + nameWidth + GAP);
    int width = help.commandSpec().usageMessage().width();
    StringBuilder out = new StringBuilder();
    commands.forEach((name, sub) -> {
      String first = String.join(" ", text(sub.commandSpec().usageMessage().description()));
      String lead = "  " + name + " ".repeat(nameWidth - name.length() + GAP);
      wrap(first, width, lead, indent + "  ").forEach(line -> out.append(line).append('\n'));
    });
    return out.toString();
  }

  /** Description lines as picocli shows them: format specifiers such as %% resolved. */
  private static List<String> text(String[] lines) {
    List<String> text = new ArrayList<>();
    for (String line : lines) {
      text.add(String.format(Locale.ROOT, line));
    }
    return text;
  }

  /**
   * Greedy wrap at spaces: the first line starts with {@code lead}, later ones with
   * {@code indent}; a word longer than a line stands alone on its line, unbroken.
   */
  static List<String> wrap(String text, int width, String lead, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(lead);
    int empty = lead.length();
    for (String word : text.trim().split("\\s+")) {
      if (line.length() > empty && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
        empty = indent.length();
      }
      if (line.length() > empty) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
