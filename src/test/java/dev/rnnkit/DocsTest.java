package dev.rnnkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README stays a first screen, and no link of the docs points at nothing. */
class DocsTest {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  @Test
  void theReadmeIsAtMostTwelveKilobytes() throws IOException {
    long size = Files.size(Path.of("README.md"));
    assertTrue(size <= 12 * 1024, "README.md is " + size + " bytes: move reference material to docs/");
  }

  @Test
  void everyPackageSaysWhatItIsForInItsPackageInfo() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> folders = Files.walk(Path.of("src/main/java/dev/rnnkit"))) {
      for (Path folder : folders.filter(Files::isDirectory).toList()) {
        boolean hasClasses;
        try (Stream<Path> files = Files.list(folder)) {
          hasClasses = files.anyMatch(f -> f.toString().endsWith(".java"));
        }
        if (hasClasses && !Files.exists(folder.resolve("package-info.java"))) {
          missing.add(folder.toString());
        }
      }
    }
    assertEquals(List.of(), missing, "packages without a package-info.java");
  }

  @Test
  void everyRelativeLinkOfTheDocsLeadsToAFile() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("data/README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      Matcher link = LINK.matcher(Files.readString(document));
      while (link.find()) {
        String target = link.group(1);
        if (!target.contains("://") && !Files.exists(document.resolveSibling(target))) {
          broken.add(document + " -> " + target);
        }
      }
    }
    assertEquals(List.of(), broken);
  }
}
