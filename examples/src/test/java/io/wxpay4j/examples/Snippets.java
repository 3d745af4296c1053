package io.wxpay4j.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README snippets and the source regions they come from.
 *
 * <p>A source region is the lines between {@code // region NAME} and {@code // endregion}, dedented by their
 * common indentation. A README snippet is a fenced block right after a marker line {@code <!-- snippet: NAME
 * (PATH) -->}, PATH relative to the repository root.
 */
final class Snippets {
  private static final Pattern REGION_START = Pattern.compile("^\\s*// region (\\S+)\\s*$");
  private static final Pattern REGION_END = Pattern.compile("^\\s*// endregion\\s*$");
  static final Pattern MARKER =
      Pattern.compile("<!-- snippet: (\\S+) \\((\\S+)\\) -->\n```(\\w*)\n(.*?)```\n", Pattern.DOTALL);

  private Snippets() {}

  /** The regions of {@code source} by name. */
  static Map<String, String> regions(String source) {
    Map<String, String> result = new LinkedHashMap<>();
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher start = REGION_START.matcher(lines.get(i));
      if (!start.matches()) {
        continue;
      }
      String name = start.group(1);
      int end = i + 1;
      while (end < lines.size() && !REGION_END.matcher(lines.get(end)).matches()) {
        if (REGION_START.matcher(lines.get(end)).matches()) {
          throw new IllegalArgumentException("region " + name + " contains another region");
        }
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalArgumentException("region " + name + " has no // endregion");
      }
      if (result.put(name, dedent(lines.subList(i + 1, end))) != null) {
        throw new IllegalArgumentException("region " + name + " appears twice");
      }
      i = end;
    }
    return result;
  }

  private static String dedent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder result = new StringBuilder();
    for (String line : lines) {
      result.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return result.toString();
  }

  /**
   * What differs between the README's snippets and their regions: one message per snippet that is not
   * byte-identical to its region, whose region or file is missing.
   */
  static List<String> differences(String readme, Function<String, String> sources) {
    List<String> result = new ArrayList<>();
    Matcher marker = MARKER.matcher(readme);
    while (marker.find()) {
      String name = marker.group(1);
      String path = marker.group(2);
      String expected;
      try {
        expected = regions(sources.apply(path)).get(name);
      } catch (RuntimeException e) {
        result.add("snippet " + name + ": cannot read " + path + ": " + e.getMessage());
        continue;
      }
      if (expected == null) {
        result.add("snippet " + name + ": no // region " + name + " in " + path);
      } else if (!expected.equals(marker.group(4))) {
        result.add("snippet " + name + " differs from its region in " + path + ":\n--- README\n" + marker.group(4)
            + "--- " + path + "\n" + expected);
      }
    }
    return result;
  }

  /** The README with every snippet replaced by its region. */
  static String update(String readme, Function<String, String> sources) {
    Matcher marker = MARKER.matcher(readme);
    StringBuilder result = new StringBuilder();
    while (marker.find()) {
      String region = regions(sources.apply(marker.group(2))).get(marker.group(1));
      if (region == null) {
        throw new IllegalArgumentException("no // region " + marker.group(1) + " in " + marker.group(2));
      }
      marker.appendReplacement(result, Matcher.quoteReplacement(
          "<!-- snippet: " + marker.group(1) + " (" + marker.group(2) + ") -->\n```" + marker.group(3) + "\n"
              + region + "```\n"));
    }
    marker.appendTail(result);
    return result.toString();
  }

  /** The number of {@code ```java} blocks of {@code readme} that are not marked snippets. */
  static int unmarkedJavaBlocks(String readme) {
    int java = (int) Pattern.compile("^```java$", Pattern.MULTILINE).matcher(readme).results().count();
    return java - count(readme);
  }

  /** The number of snippets in {@code readme}. */
  static int count(String readme) {
    return (int) MARKER.matcher(readme).results().count();
  }
}
