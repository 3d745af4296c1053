package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The root README's Java snippets are byte-identical to their {@code // region} in the examples, which CI
 * compiles and runs. After changing an example, refresh the README with
 * {@code mvn -B -q -pl examples verify -Dreadme.update=true} and review the diff.
 */
final class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Function<String, String> SOURCES = path -> read(ROOT.resolve(path));

  @Test
  void everyReadmeSnippetIsItsRegionInTheExamples() throws IOException {
    Path readme = ROOT.resolve("README.md");
    String text = read(readme);
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(readme, Snippets.update(text, SOURCES), StandardCharsets.UTF_8);
      text = read(readme);
    }

    assertThat(Snippets.count(text)).as("snippets in README.md").isGreaterThanOrEqualTo(8);
    assertThat(Snippets.unmarkedJavaBlocks(text))
        .as("```java blocks in README.md without a <!-- snippet: NAME (PATH) --> marker: make each one a"
            + " // region NAME of an example, which CI compiles and runs, and mark it")
        .isZero();
    assertThat(Snippets.differences(text, SOURCES))
        .as("README.md snippets out of date: run mvn -B -q -pl examples verify -Dreadme.update=true")
        .isEmpty();
  }

  @Test
  void snippetThatDiffersByOneCharacterIsReported() {
    Map<String, String> sources =
        Map.of("A.java", "class A {\n  void a() {\n    // region demo\n    call(1);\n    // endregion\n  }\n}\n");
    String readme = "text\n<!-- snippet: demo (A.java) -->\n```java\ncall(2);\n```\nmore\n";

    assertThat(Snippets.differences(readme, sources::get))
        .singleElement()
        .asString()
        .startsWith("snippet demo differs from its region in A.java")
        .contains("call(2);", "call(1);");
    assertThat(Snippets.differences(Snippets.update(readme, sources::get), sources::get)).isEmpty();
    assertThat(Snippets.update(readme, sources::get)).contains("```java\ncall(1);\n```\nmore");
  }

  @Test
  void javaBlockWithoutMarkerIsCounted() {
    String readme = "<!-- snippet: a (A.java) -->\n```java\na();\n```\n\n```java\nunchecked();\n```\n```sh\nls\n```\n";

    assertThat(Snippets.unmarkedJavaBlocks(readme)).isEqualTo(1);
  }

  @Test
  void snippetWithoutItsRegionIsReported() {
    Map<String, String> sources = Map.of("A.java", "class A {}\n");
    String readme = "<!-- snippet: gone (A.java) -->\n```java\nx();\n```\n";

    assertThat(Snippets.differences(readme, sources::get)).containsExactly("snippet gone: no // region gone in A.java");
  }

  @Test
  void regionsAreDedentedByTheirCommonIndentation() {
    String source = "  // region r\n      a(\n          b);\n\n      c();\n  // endregion\n";

    assertThat(Snippets.regions(source)).containsExactly(Map.entry("r", "a(\n    b);\n\nc();\n"));
  }

  @Test
  void unclosedRegionIsAnError() {
    assertThatThrownBy(() -> Snippets.regions("// region open\nx();\n"))
        .hasMessage("region open has no // endregion");
  }
}
