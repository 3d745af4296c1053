package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetFundFlowBillRequest;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.TarType;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official SDK (wechatpay-java 0.2.17, {@code BillDownloadServiceExtension}, checks on) applies
 * for and downloads the simulator's bills, plain and gzip, and its own hash check ({@code
 * DigestBillEntity.verifyHash()}, a SHA-1 behind its {@code GZIPInputStream}) passes: the SDK, the
 * simulator and wxpay4j agree that {@code hash_value} is the SHA-1 of the uncompressed bill.
 *
 * <p>Finding: {@code verifyHash()} is only right once the stream has been read to its end (the
 * digest is fed by the reads). Called before reading, or after a partial read, it returns false for
 * a good bill; that is the likely cause of wechatpay-java issue #384 ("verifyHash returns false"),
 * a caller-side order problem, not a disagreement about the hash. The SDK signs with the real clock
 * (it has no clock to inject), so the simulator's clock starts two days back and is moved to now
 * before the SDK calls.
 */
class OfficialSdkBillInteropTest {
  private WechatPaySimulator simulator;
  private LocalDate billDate;

  @BeforeEach
  void start() {
    simulator =
        WechatPaySimulator.builder()
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(-2)))
            .start();
    billDate = simulator.now().atOffset(ZoneOffset.ofHours(8)).toLocalDate();
    TestClient client = new TestClient(simulator);
    String outTradeNo = "SDKBILL_" + System.nanoTime() % 1_000_000_000L;
    TestClient.Answer prepay =
        client.post(
            "/v3/pay/transactions/jsapi",
            TestClient.prepayBody(
                simulator.merchant(), outTradeNo, TestClient.NOTIFY_URL, TestClient.PAYER));
    assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);
    simulator.pay(outTradeNo);
    simulator.advanceClock(Duration.ofDays(2)); // back to the real time the SDK signs with
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private BillDownloadServiceExtension sdk() {
    SimulatorMerchant merchant = simulator.merchant();
    RSAPublicKeyConfig config =
        new RSAPublicKeyConfig.Builder()
            .merchantId(merchant.merchantId())
            .privateKey(merchant.merchantPrivateKey())
            .merchantSerialNumber(merchant.merchantSerialNumber())
            .publicKey(merchant.wechatPayPublicKeyPem())
            .publicKeyId(merchant.wechatPayPublicKeyId())
            .apiV3Key(merchant.apiV3Key())
            .build();
    HttpUrl base = HttpUrl.get(simulator.baseUrl());
    OkHttpClient toSimulator =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .url(
                                chain
                                    .request()
                                    .url()
                                    .newBuilder()
                                    .scheme("http")
                                    .host(base.host())
                                    .port(base.port())
                                    .build())
                            .build()))
            .build();
    return new BillDownloadServiceExtension.Builder()
        .decryptor(config.createDecryptor()) // required by the builder, unused by these two bills
        .httpClient(new DefaultHttpClientBuilder().config(config).okHttpClient(toSimulator).build())
        .build();
  }

  private GetTradeBillRequest tradeBill(TarType tarType) {
    GetTradeBillRequest request = new GetTradeBillRequest();
    request.setBillDate(billDate.toString());
    request.setBillType(BillType.ALL);
    request.setTarType(tarType);
    return request;
  }

  @Test
  void officialSdkHashCheckPassesOnPlainTradeBill() throws Exception {
    DigestBillEntity bill = sdk().getTradeBill(tradeBill(null));

    byte[] read;
    try (InputStream in = bill.getInputStream()) {
      read = in.readAllBytes();
    }

    assertThat(read).isEqualTo(simulator.tradeBill(billDate, "ALL"));
    assertThat(bill.verifyHash()).isTrue();
  }

  @Test
  void officialSdkHashCheckPassesOnGzipTradeBillOverTheUncompressedBytes() throws Exception {
    DigestBillEntity bill = sdk().getTradeBill(tradeBill(TarType.GZIP));

    byte[] read;
    try (InputStream in = bill.getInputStream()) {
      read = in.readAllBytes();
    }

    assertThat(read).isEqualTo(simulator.tradeBill(billDate, "ALL"));
    assertThat(bill.verifyHash()).isTrue();
  }

  @Test
  void officialSdkHashCheckPassesOnFundFlowBill() throws Exception {
    GetFundFlowBillRequest request = new GetFundFlowBillRequest();
    request.setBillDate(billDate.toString());
    request.setTarType(TarType.GZIP);

    DigestBillEntity bill = sdk().getFundFlowBill(request);
    try (InputStream in = bill.getInputStream()) {
      in.readAllBytes();
    }

    assertThat(bill.verifyHash()).isTrue();
  }

  /** The issue #384 shape: asking before the stream is read gives false for a good bill. */
  @Test
  void officialSdkHashCheckIsFalseUntilTheStreamIsRead() throws Exception {
    DigestBillEntity bill = sdk().getTradeBill(tradeBill(TarType.GZIP));

    assertThat(bill.verifyHash()).isFalse();
  }

  @Test
  void officialSdkHashCheckFailsOnACorruptedDownload() throws Exception {
    simulator.corruptNextBillDownload();
    DigestBillEntity bill = sdk().getTradeBill(tradeBill(TarType.GZIP));
    try (InputStream in = bill.getInputStream()) {
      in.readAllBytes();
    }

    assertThat(bill.verifyHash()).isFalse();
  }
}
