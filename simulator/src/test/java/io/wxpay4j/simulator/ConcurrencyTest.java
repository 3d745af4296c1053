package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 16 client threads at once get correct, independent answers. */
class ConcurrencyTest {
  private static final int THREADS = 16;
  private static final int ORDERS_PER_THREAD = 12;

  @Test
  void sixteenConcurrentClientsGetIndependentCorrectAnswers() throws Exception {
    try (WechatPaySimulator simulator = WechatPaySimulator.builder().start()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<Integer> work =
            () -> {
              TestClient client = new TestClient(simulator);
              int checked = 0;
              for (int i = 0; i < ORDERS_PER_THREAD; i++) {
                String outTradeNo = "CONC_" + thread + "_" + i;
                int total = thread * 1000 + i + 1;
                TestClient.Answer prepay =
                    client.post(
                        "/v3/pay/transactions/jsapi",
                        TestClient.prepayBody(
                                simulator.merchant(),
                                outTradeNo,
                                TestClient.NOTIFY_URL,
                                TestClient.PAYER)
                            .replace("\"total\":100", "\"total\":" + total));
                assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);
                assertThat(
                        prepay.signedBy(simulator.merchant().platformCertificate().getPublicKey()))
                    .isTrue();
                if (i % 2 == 0) {
                  simulator.payByPrepayId(prepay.json().path("prepay_id").asString());
                } else {
                  assertThat(client.close(outTradeNo).status()).isEqualTo(204);
                }
                JsonNode order = client.queryByOutTradeNo(outTradeNo).json();
                assertThat(order.path("out_trade_no").asString()).isEqualTo(outTradeNo);
                assertThat(order.at("/amount/total").asInt()).isEqualTo(total);
                assertThat(order.path("trade_state").asString())
                    .isEqualTo(i % 2 == 0 ? "SUCCESS" : "CLOSED");
                if (i % 2 == 0) {
                  JsonNode byId = client.queryById(order.path("transaction_id").asString()).json();
                  assertThat(byId.path("out_trade_no").asString()).isEqualTo(outTradeNo);
                }
                checked++;
              }
              return checked;
            };
        results.add(pool.submit(work));
      }
      int checked = 0;
      for (Future<Integer> result : results) {
        checked += result.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      assertThat(checked).isEqualTo(THREADS * ORDERS_PER_THREAD);
      assertThat(simulator.orders()).hasSize(THREADS * ORDERS_PER_THREAD);
      assertThat(
              simulator.orders().stream()
                  .map(SimulatorOrder::transactionId)
                  .filter(id -> id != null)
                  .distinct())
          .hasSize(THREADS * ORDERS_PER_THREAD / 2);
    }
  }
}
