package io.wxpay4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeVersionsTest {
  private static final List<String> ONE_JAR = List.of("jar:file:/m2/okhttp-jvm-5.5.1.jar!/");

  @Test
  void thisBuildsClassPathPasses() {
    RuntimeVersions.check();
    assertThat(RuntimeVersions.problem("5.5.1", ONE_JAR, "2.1.21")).isNull();
  }

  @Test
  void kotlinOfSpringBoot35AndNewerPasses() {
    assertThat(RuntimeVersions.problem("5.5.1", ONE_JAR, "1.9.25")).isNull();
    assertThat(RuntimeVersions.problem("5.5.1", ONE_JAR, "2.2.21")).isNull();
  }

  @Test
  void kotlinOfSpringBoot30NamesThePropertyToSet() {
    assertThat(RuntimeVersions.problem("5.5.1", ONE_JAR, "1.7.22"))
        .contains(
            "kotlin-stdlib 1.9 or newer",
            "found 1.7.22",
            "<kotlin.version>1.9.25</kotlin.version>");
    assertThat(RuntimeVersions.problem("5.5.1", ONE_JAR, "1.8.22")).contains("found 1.8.22");
  }

  @Test
  void missingKotlinIsNamed() {
    assertThat(RuntimeVersions.problem("5.5.1", ONE_JAR, null))
        .contains("org.jetbrains.kotlin:kotlin-stdlib");
  }

  @Test
  void okHttp4IsRefusedWithTheFix() {
    assertThat(RuntimeVersions.problem("4.10.0", ONE_JAR, "2.1.21"))
        .contains("found OkHttp 4.10.0", "io.wxpay4j:wxpay4j-bom", "<okhttp.version>");
  }

  @Test
  void twoOkHttpJarsAreListed() {
    List<String> two =
        List.of("jar:file:/m2/okhttp-4.10.0.jar!/", "jar:file:/m2/okhttp-jvm-5.5.1.jar!/");

    assertThat(RuntimeVersions.problem("5.5.1", two, "2.1.21"))
        .contains("2 OkHttp jars", "okhttp-4.10.0.jar", "okhttp-jvm-5.5.1.jar")
        .contains("exclude com.squareup.okhttp3:okhttp (4.x)");
  }

  @Test
  void missingOkHttpIsNamed() {
    assertThat(RuntimeVersions.problem(null, List.of(), "2.1.21"))
        .contains("com.squareup.okhttp3:okhttp-jvm");
  }
}
