package dev.rnnkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java snippet compiles as written, against the library's public API only. */
class ReadmeSnippetTest {

  private static final String IMPORTS = String.join("\n",
      "import dev.rnnkit.data.*;", "import dev.rnnkit.layers.*;", "import dev.rnnkit.metrics.*;",
      "import dev.rnnkit.model.*;", "import dev.rnnkit.savedmodel.export.*;",
      "import dev.rnnkit.train.*;", "import java.nio.file.Path;", "import java.util.Map;");

  @Test
  void theJavaApiSnippetCompiles(@TempDir Path dir) throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Java API"));
    int start = section.indexOf("```java\n") + "```java\n".length();
    String snippet = section.substring(start, section.indexOf("```", start));
    Path source = Files.createDirectories(dir.resolve("snippet")).resolve("Snippet.java");
    Files.writeString(source, "package snippet;\n" + IMPORTS + "\nclass Snippet {\n"
        + "  void run() throws Exception {\n" + snippet + "  }\n}\n");

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled = compiler.getTask(errors, null, null,
        List.of("-classpath", System.getProperty("java.class.path"), "-d", dir.toString()),
        null, compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile()))
        .call();
    assertTrue(compiled, "README.md's Java snippet does not compile:\n" + errors);
    assertEquals(1, Files.list(dir.resolve("snippet")).filter(p -> p.toString().endsWith(".class")
        && p.getFileName().toString().equals("Snippet.class")).count());
  }
}
