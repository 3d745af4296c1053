package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import retrofit2.http.GET;
import retrofit2.http.POST;

/** Every operation of spec/openapi.yaml has a generated Retrofit method with the same method and path. */
final class SpecCoverageTest {
  private static final List<Class<?>> APIS = List.of(OrdersApi.class, CertificatesApi.class);

  @Test
  @SuppressWarnings("unchecked")
  void everySpecOperationHasAGeneratedMethod() throws Exception {
    Map<String, Object> spec;
    try (InputStream in = SpecCoverageTest.class.getResourceAsStream("/openapi.yaml")) {
      spec = new Yaml().load(in);
    }
    Map<String, Map<String, Map<String, Object>>> paths =
        (Map<String, Map<String, Map<String, Object>>>) spec.get("paths");

    List<String> expected = new ArrayList<>();
    for (Map.Entry<String, Map<String, Map<String, Object>>> path : paths.entrySet()) {
      for (Map.Entry<String, Map<String, Object>> operation : path.getValue().entrySet()) {
        expected.add(
            operation.getValue().get("operationId")
                + " "
                + operation.getKey().toUpperCase()
                + " "
                + path.getKey().substring(1));
      }
    }

    List<String> generated = new ArrayList<>();
    for (Class<?> api : APIS) {
      for (Method method : api.getDeclaredMethods()) {
        GET get = method.getAnnotation(GET.class);
        POST post = method.getAnnotation(POST.class);
        generated.add(method.getName() + (get != null ? " GET " + get.value() : " POST " + post.value()));
      }
    }

    assertThat(expected).hasSizeGreaterThanOrEqualTo(8);
    assertThat(generated).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Arrays.stream(OrdersApi.class.getDeclaredMethods()).map(Method::getName))
        .contains("prepayJsapi", "prepayApp", "prepayH5", "prepayNative", "queryOrderById",
            "queryOrderByOutTradeNo", "closeOrder");
  }
}
