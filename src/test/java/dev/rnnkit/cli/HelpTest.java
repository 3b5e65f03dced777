package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help texts keep words whole, and the README's command table is picocli's command list. */
class HelpTest {

  private static final CommandLine CLI = new CommandLine(new Main());

  @Test
  void everyWordOfEveryDescriptionAppearsWholeInTheHelp() {
    CommandLine cli = new CommandLine(new Main());
    HelpLayout.apply(cli);
    String main = cli.getUsageMessage();
    for (var entry : cli.getSubcommands().entrySet()) {
      String help = entry.getValue().getUsageMessage();
      for (String line : entry.getValue().getCommandSpec().usageMessage().description()) {
        for (String word : String.format(line).split("\\s+")) {
          assertTrue(help.contains(word), entry.getKey() + " --help breaks '" + word + "':\n" + help);
          assertTrue(main.contains(word), "the command list breaks '" + word + "':\n" + main);
        }
      }
    }
  }

  @Test
  void wrappingBreaksAtSpacesOnly() {
    assertEquals(List.of("  a legacy", "    .h5 file"), HelpLayout.wrap("a legacy .h5 file", 12, "  ", "    "));
    assertEquals(List.of("averyveryverylongword", "x"), HelpLayout.wrap("averyveryverylongword x", 5, "", ""));
  }

  @Test
  void theReadmeTableListsEveryCommandOnceWithOptionsItHas() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Command line"));
    section = section.substring(0, section.indexOf("\nExit codes"));
    List<String> rows = section.lines().filter(l -> l.startsWith("| `")).toList();

    List<String> named = new ArrayList<>();
    for (String row : rows) {
      String command = row.substring(3).split("[ `]")[0];
      named.add(command);
      Set<String> options = CLI.getSubcommands().get(command) == null ? Set.of()
          : CLI.getSubcommands().get(command).getCommandSpec().options().stream()
              .flatMap(o -> Set.of(o.names()).stream()).collect(Collectors.toSet());
      Matcher option = Pattern.compile("--[a-z][a-z-]*").matcher(row.substring(0, row.indexOf("` |") + 1));
      while (option.find()) {
        assertTrue(options.contains(option.group()), command + " has no option " + option.group());
      }
    }
    List<String> commands = CLI.getSubcommands().keySet().stream()
        .filter(name -> !name.equals("help")).toList();
    assertEquals(commands, named, "the README's command table, in picocli's order, once each");
  }

  @Test
  void inspectTakesTheFolderEitherWay() {
    assertEquals(2, CliTest.run("inspect").exit());
    CliTest.Run both = CliTest.run("inspect", "a", "--model", "b");
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("inspect DIR or inspect --model DIR"), both.err());
  }
}
