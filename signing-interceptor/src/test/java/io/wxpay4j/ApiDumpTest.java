package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed API dump, {@code api/wxpay4j-signing-interceptor.api}, matches the public API of
 * the compiled classes: every change to the API is a deliberate, visible diff. Run with {@code
 * -Dwxpay4j.updateApiDump=true} to rewrite the file after an intended change.
 */
class ApiDumpTest {
  static final String DUMP_FILE = "api/wxpay4j-signing-interceptor.api";
  static final String UPDATE_PROPERTY = "wxpay4j.updateApiDump";
  static final String UPDATE_COMMAND =
      "mvn -B -q -pl signing-interceptor -am verify -D" + UPDATE_PROPERTY + "=true";

  /** Not API: documented as such in its package-info; generated packages belong to another jar. */
  static final Set<String> EXCLUDED =
      Set.of("io.wxpay4j.internal", "io.wxpay4j.api", "io.wxpay4j.model", "io.wxpay4j.json");

  @Test
  void committedDumpMatchesTheCompiledPublicApi() throws Exception {
    Path classes = location(WechatPayClient.class);
    Path dump = classes.getParent().getParent().resolve(DUMP_FILE); // <module>/target/classes
    String compiled = ApiDump.render(classes, getClass().getClassLoader(), EXCLUDED);

    assertThat(compiled)
        .contains("public final class io.wxpay4j.WechatPayClient implements java.io.Closeable {")
        .doesNotContain("class io.wxpay4j.internal.");

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(dump.getParent());
      Files.writeString(dump, compiled, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(dump)) {
      fail("%s is missing; create it with%n  %s%nand commit it.", dump, UPDATE_COMMAND);
    }
    String committed = Files.readString(dump, StandardCharsets.UTF_8);
    String diff = ApiDump.diff(DUMP_FILE + " (committed)", committed, "compiled classes", compiled);
    if (!diff.isEmpty()) {
      fail(
          "The public API differs from %s (- committed, + compiled):%n%n%s%n"
              + "If the change is intended, rewrite the file and commit it with the change:%n"
              + "  %s%n"
              + "(add -Dtest=ApiDumpTest -Dsurefire.failIfNoSpecifiedTests=false to run only this"
              + " test).",
          DUMP_FILE, diff, UPDATE_COMMAND);
    }
  }

  @Test
  void rendersEveryKindOfTypeAndMemberThatCallersCanSee(@TempDir Path dir) throws Exception {
    String dump = ApiDump.render(compile(dir, FIXTURE), loader(dir), Set.of("fixture.internal"));

    assertThat(dump)
        .isEqualTo(
            """
            # 10 public types
            # 5 top-level, 5 nested. Written by ApiDumpTest: do not edit by hand.

            public final class fixture.Circle extends fixture.Shape {
              public final double radius
              public Circle(double)
              public double area()
            }

            public class fixture.Derived implements Runnable {
              public static final int LIMIT
              public Derived()
              public void inherited()
              public void run()
            }

            public abstract sealed class fixture.Shape permits fixture.Circle, fixture.Square {
              public abstract double area()
              protected void describe(StringBuilder)
            }

            public non-sealed class fixture.Square extends fixture.Shape {
              protected Square()
              public double area()
            }

            protected static class fixture.Square.Corner {
              protected Corner()
            }

            public final class fixture.Widget implements Comparable<fixture.Widget>, java.io.Serializable {
              public static final String NAME
              public int count
              public int compareTo(fixture.Widget)
              public static fixture.Widget create()
              @Deprecated public void old()
              public <T extends Number & Comparable<T>> @Nullable T pick(java.util.List<? extends T>, java.util.Map<String, ? super Integer>, String...) throws IllegalStateException, java.io.IOException
              public double @Nullable [] values()
            }

            public static final class fixture.Widget.Builder {
              public Builder()
              public fixture.Widget build()
            }

            public enum fixture.Widget.Color {
              enum constant GREEN
              enum constant RED
              public String lower()
            }

            public interface fixture.Widget.Listener<E extends Exception> {
              public default fixture.Widget.Listener<E> and(fixture.Widget.Listener<E>)
              public static <E extends Exception> fixture.Widget.Listener<E> none()
              public abstract void on(fixture.Widget) throws E
            }

            public record fixture.Widget.Point(int x, @Nullable String label) {
              public Point(int, @Nullable String)
              public final boolean equals(Object)
              public final int hashCode()
              public @Nullable String label()
              public final String toString()
              public int x()
            }
            """);
  }

  @Test
  void addedPublicMethodShowsInTheDiff(@TempDir Path dir) throws Exception {
    Path before = dir.resolve("before");
    Path after = dir.resolve("after");
    String v1 =
        ApiDump.render(compile(before, FIXTURE), loader(before), Set.of("fixture.internal"));
    Map<String, String> changed = new HashMap<>(FIXTURE);
    changed.put(
        "fixture/Widget.java",
        FIXTURE.get("fixture/Widget.java").replace("/* here */", "public void added() {}"));
    String v2 = ApiDump.render(compile(after, changed), loader(after), Set.of("fixture.internal"));

    assertThat(ApiDump.diff("committed", v1, "compiled", v2))
        .isEqualTo(
            """
            --- committed
            +++ compiled
            @@ -31,6 +31,7 @@
             public final class fixture.Widget implements Comparable<fixture.Widget>, java.io.Serializable {
               public static final String NAME
               public int count
            +  public void added()
               public int compareTo(fixture.Widget)
               public static fixture.Widget create()
               @Deprecated public void old()
            """);
  }

  @Test
  void packagePrivateChangeIsNotAnApiChange(@TempDir Path dir) throws Exception {
    Path before = dir.resolve("before");
    Path after = dir.resolve("after");
    String v1 =
        ApiDump.render(compile(before, FIXTURE), loader(before), Set.of("fixture.internal"));
    Map<String, String> changed = new HashMap<>(FIXTURE);
    changed.put(
        "fixture/Widget.java",
        FIXTURE
            .get("fixture/Widget.java")
            .replace("/* here */", "void helper() {} static final class Extra { public int x; }"));
    String v2 = ApiDump.render(compile(after, changed), loader(after), Set.of("fixture.internal"));

    assertThat(ApiDump.diff("committed", v1, "compiled", v2)).isEmpty();
  }

  @Test
  void diffShowsRemovedAndAddedLinesWithContext() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
    String after = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\nl\nm\n";

    assertThat(ApiDump.diff("old", before, "new", after))
        .isEqualTo(
            """
            --- old
            +++ new
            @@ -2,7 +2,7 @@
             b
             c
             d
            -e
            +E
             f
             g
             h
            @@ -10,3 +10,4 @@
             j
             k
             l
            +m
            """);
  }

  @Test
  void diffOfEqualTextsIsEmptyWhateverTheLineEndings() {
    assertThat(ApiDump.diff("a", "x\r\ny\r\n", "b", "x\ny\n")).isEmpty();
  }

  @Test
  void diffAgainstAnEmptyFileAddsEveryLine() {
    assertThat(ApiDump.diff("old", "", "new", "x\ny\n"))
        .isEqualTo("--- old\n+++ new\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  }

  // ---- Fixture: a small class set compiled at test time, so that it never joins the real dump.

  static final Map<String, String> FIXTURE =
      Map.of(
          "fixture/Widget.java",
          """
          package fixture;

          import java.io.IOException;
          import java.util.List;
          import java.util.Map;
          import org.jspecify.annotations.Nullable;

          public final class Widget implements Comparable<Widget>, java.io.Serializable {
            public static final String NAME = "w";
            public int count;
            protected int protectedInFinalClass;
            int packagePrivate;

            private Widget() {}

            public static Widget create() { return new Widget(); }

            public <T extends Number & Comparable<T>> @Nullable T pick(
                List<? extends T> items, Map<String, ? super Integer> sink, String... tags)
                throws IOException, IllegalStateException {
              return null;
            }

            public double @Nullable [] values() { return null; }

            @Override public int compareTo(Widget o) { return 0; }

            @Deprecated public void old() {}

            Runnable anonymous() { return new Runnable() { public void run() {} }; }

            /* here */

            public static final class Builder {
              public Builder() {}
              public Widget build() { return new Widget(); }
            }

            static final class Hidden {
              public static final class InsideHidden { public void x() {} }
            }

            public enum Color {
              RED, GREEN { @Override public String lower() { return "g"; } };
              public String lower() { return "r"; }
            }

            public record Point(int x, @Nullable String label) {}

            public interface Listener<E extends Exception> {
              void on(Widget widget) throws E;
              default Listener<E> and(Listener<E> other) { return this; }
              static <E extends Exception> Listener<E> none() { return w -> {}; }
            }
          }
          """,
          "fixture/Shape.java",
          """
          package fixture;

          public abstract sealed class Shape permits Circle, Square {
            Shape() {}
            public abstract double area();
            protected void describe(StringBuilder out) {}
          }
          """,
          "fixture/Circle.java",
          """
          package fixture;

          public final class Circle extends Shape {
            public final double radius;
            public Circle(double radius) { this.radius = radius; }
            @Override public double area() { return Math.PI * radius * radius; }
            @Override protected void describe(StringBuilder out) {}
          }
          """,
          "fixture/Square.java",
          """
          package fixture;

          public non-sealed class Square extends Shape {
            protected Square() {}
            @Override public double area() { return 1; }
            protected static class Corner {}
          }
          """,
          "fixture/Base.java",
          """
          package fixture;

          abstract class Base implements Runnable {
            public static final int LIMIT = 3;
            public void inherited() {}
            @Override public void run() {}
            void notInherited() {}
          }
          """,
          "fixture/Derived.java",
          """
          package fixture;

          public class Derived extends Base {}
          """,
          "fixture/internal/Secret.java",
          """
          package fixture.internal;

          public class Secret { public void hidden() {} }
          """);

  /** Compiles {@code sources} (path → text) into {@code dir}/classes and returns that. */
  static Path compile(Path dir, Map<String, String> sources)
      throws IOException, URISyntaxException {
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--release",
            "17",
            "-classpath",
            location(Nullable.class).toString(),
            "-d",
            classes.toString()));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status =
        javac.run(null, OutputStream.nullOutputStream(), errors, args.toArray(new String[0]));
    assertThat(status).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  /** Loads the compiled fixture; jspecify's annotations come from the test class path. */
  private static ClassLoader loader(Path dir) throws IOException {
    return new URLClassLoader(
        new URL[] {dir.resolve("classes").toUri().toURL()}, ApiDumpTest.class.getClassLoader());
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
