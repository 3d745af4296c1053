package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import retrofit2.http.GET;
import retrofit2.http.POST;

/**
 * Every operation of spec/openapi.yaml has a generated Retrofit method with the same method and
 * path.
 */
final class SpecCoverageTest {
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
    Set<Class<?>> apis = new LinkedHashSet<>();
    for (Map.Entry<String, Map<String, Map<String, Object>>> path : paths.entrySet()) {
      for (Map.Entry<String, Map<String, Object>> operation : path.getValue().entrySet()) {
        // The generator names an interface after the operation's first tag.
        String tag = ((List<String>) operation.getValue().get("tags")).get(0);
        apis.add(Class.forName("io.wxpay4j.api." + tag + "Api"));
        expected.add(
            operation.getValue().get("operationId")
                + " "
                + operation.getKey().toUpperCase()
                + " "
                + path.getKey().substring(1));
      }
    }

    List<String> generated = new ArrayList<>();
    for (Class<?> api : apis) {
      for (Method method : api.getDeclaredMethods()) {
        GET get = method.getAnnotation(GET.class);
        POST post = method.getAnnotation(POST.class);
        generated.add(
            method.getName() + (get != null ? " GET " + get.value() : " POST " + post.value()));
      }
    }

    assertThat(expected).hasSizeGreaterThanOrEqualTo(18);
    assertThat(generated).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Arrays.stream(OrdersApi.class.getDeclaredMethods()).map(Method::getName))
        .contains(
            "prepayJsapi",
            "prepayApp",
            "prepayH5",
            "prepayNative",
            "queryOrderById",
            "queryOrderByOutTradeNo",
            "closeOrder");
    assertThat(Arrays.stream(RefundsApi.class.getDeclaredMethods()).map(Method::getName))
        .containsExactlyInAnyOrder(
            "createRefund", "queryRefundByOutRefundNo", "applyAbnormalRefund");
    assertThat(Arrays.stream(BillsApi.class.getDeclaredMethods()).map(Method::getName))
        .containsExactlyInAnyOrder(
            "getTradeBill", "getFundFlowBill", "getSingleSubMchFundFlowBill");
    assertThat(Arrays.stream(OrdersApi.class.getDeclaredMethods()).map(Method::getName))
        .contains("prepayAppWithContract", "prepayJsapiWithContract");
    assertThat(Arrays.stream(ContractsApi.class.getDeclaredMethods()).map(Method::getName))
        .containsExactlyInAnyOrder("queryContract", "terminateContract");
    assertThat(apis)
        .contains(
            OrdersApi.class,
            PartnerOrdersApi.class,
            CertificatesApi.class,
            RefundsApi.class,
            BillsApi.class,
            ContractsApi.class);
  }
}
