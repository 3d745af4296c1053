package io.wxpay4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxpay4j.json.WechatPayJson;
import io.wxpay4j.model.BillAccountType;
import io.wxpay4j.model.BillEncryptAlgorithm;
import io.wxpay4j.model.BillType;
import io.wxpay4j.model.EncryptBillEntity;
import io.wxpay4j.model.HashType;
import io.wxpay4j.model.QueryBillEntity;
import io.wxpay4j.model.QueryEncryptBillEntity;
import io.wxpay4j.model.SubMerchantBillAccountType;
import io.wxpay4j.model.TarType;
import java.time.LocalDate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/** What each generated bill operation puts on the wire, and how its answer decodes. */
final class BillsApiTest {
  private static final String BILL_ANSWER =
      "{\"hash_type\":\"SHA1\",\"hash_value\":\"79bb0f45fc4c42234a918000b2668d689e2bde04\","
          + "\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx\"}";

  private final MockWebServer server = new MockWebServer();
  private BillsApi bills;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    bills =
        new Retrofit.Builder()
            .baseUrl(server.url("/"))
            .addConverterFactory(MoshiConverterFactory.create(WechatPayJson.moshi()))
            .build()
            .create(BillsApi.class);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private void enqueueJson(String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  private static void assertGet(RecordedRequest request, String target) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(target);
    assertThat(request.getBody() == null ? 0 : request.getBody().size()).isZero();
  }

  /** The documented request of the trade-bill page, and its documented answer. */
  @Test
  void tradeBillSendsTheDateTypeAndGzipAndDecodesTheAnswer() throws Exception {
    enqueueJson(BILL_ANSWER);

    QueryBillEntity answer =
        bills
            .getTradeBill(LocalDate.of(2019, 6, 11), null, BillType.ALL, TarType.GZIP)
            .execute()
            .body();

    assertGet(
        server.takeRequest(),
        "/v3/bill/tradebill?bill_date=2019-06-11&bill_type=ALL&tar_type=GZIP");
    assertThat(answer.getHashType()).isEqualTo(HashType.SHA1);
    assertThat(answer.getHashValue()).isEqualTo("79bb0f45fc4c42234a918000b2668d689e2bde04");
    assertThat(answer.getDownloadUrl())
        .isEqualTo("https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx");
  }

  /** Omitted parameters are not sent at all: an empty {@code tar_type=} is a PARAM_ERROR. */
  @Test
  void tradeBillWithDefaultsSendsOnlyTheDate() throws Exception {
    enqueueJson(BILL_ANSWER);

    bills.getTradeBill(LocalDate.of(2024, 12, 31), null, null, null).execute();

    assertGet(server.takeRequest(), "/v3/bill/tradebill?bill_date=2024-12-31");
  }

  @Test
  void partnerTradeBillSendsSubMchid() throws Exception {
    enqueueJson(BILL_ANSWER);

    bills.getTradeBill(LocalDate.of(2025, 1, 2), "1900000110", BillType.REFUND, null).execute();

    assertGet(
        server.takeRequest(),
        "/v3/bill/tradebill?bill_date=2025-01-02&sub_mchid=1900000110&bill_type=REFUND");
  }

  @Test
  void fundFlowBillSendsTheAccountType() throws Exception {
    enqueueJson(BILL_ANSWER);

    QueryBillEntity answer =
        bills
            .getFundFlowBill(LocalDate.of(2019, 6, 11), BillAccountType.OPERATION, TarType.GZIP)
            .execute()
            .body();

    assertGet(
        server.takeRequest(),
        "/v3/bill/fundflowbill?bill_date=2019-06-11&account_type=OPERATION&tar_type=GZIP");
    assertThat(answer.getHashValue()).hasSize(40);
  }

  @Test
  void subMerchantFundFlowBillSendsEveryRequiredParameterAndDecodesTheFileList() throws Exception {
    enqueueJson(
        "{\"download_bill_count\":2,\"download_bill_list\":["
            + "{\"bill_sequence\":2,\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=b\","
            + "\"encrypt_key\":\"a0YK7p/u2Ij5cFhPY0lGgYz2yOHtdRQ==\",\"hash_type\":\"SHA1\","
            + "\"hash_value\":\"8ae8cd3d9cd2bd8e2b2e4d4c4a2b1f3bd5d1ed4b\",\"nonce\":\"750e3f2aa5a4\"},"
            + "{\"bill_sequence\":1,\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=a\","
            + "\"encrypt_key\":\"b0YK7p/u2Ij5cFhPY0lGgYz2yOHtdRQ==\",\"hash_type\":\"SHA1\","
            + "\"hash_value\":\"1ae8cd3d9cd2bd8e2b2e4d4c4a2b1f3bd5d1ed4b\",\"nonce\":\"650e3f2aa5a4\"}]}");

    QueryEncryptBillEntity answer =
        bills
            .getSingleSubMchFundFlowBill(
                "1900000110",
                LocalDate.of(2024, 10, 1),
                SubMerchantBillAccountType.DEPOSIT,
                BillEncryptAlgorithm.AEAD_AES_256_GCM,
                TarType.GZIP)
            .execute()
            .body();

    assertGet(
        server.takeRequest(),
        "/v3/bill/sub-merchant-fundflowbill?sub_mchid=1900000110&bill_date=2024-10-01"
            + "&account_type=DEPOSIT&algorithm=AEAD_AES_256_GCM&tar_type=GZIP");
    assertThat(answer.getDownloadBillCount()).isEqualTo(2);
    EncryptBillEntity first = answer.getDownloadBillList().get(0);
    assertThat(first.getBillSequence()).isEqualTo(2);
    assertThat(first.getNonce()).isEqualTo("750e3f2aa5a4");
    // The file key is sensitive: toString() redacts it.
    assertThat(first.toString()).doesNotContain("a0YK7p");
  }

  @Test
  void unknownHashTypeDecodesToTheUnknownConstantNotAnError() throws Exception {
    QueryBillEntity answer =
        WechatPayJson.moshi()
            .adapter(QueryBillEntity.class)
            .fromJson(BILL_ANSWER.replace("SHA1", "SM3") + " ");

    assertThat(answer.getHashType()).isEqualTo(HashType.UNKNOWN_DEFAULT_OPEN_API);
  }

  @Test
  void answerWithoutDownloadUrlIsRejectedByTheBuilderRules() {
    assertThatThrownBy(
            () -> QueryBillEntity.builder().hashType(HashType.SHA1).hashValue("ab").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("QueryBillEntity.download_url is required but was not set");
  }
}
