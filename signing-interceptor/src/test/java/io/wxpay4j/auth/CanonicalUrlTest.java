package io.wxpay4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The signed URL is {@code encodedPath[?encodedQuery]}, exactly as HttpUrl encodes them. */
class CanonicalUrlTest {
  private static String canonical(String url) {
    HttpUrl parsed = HttpUrl.get(url);
    String expected =
        parsed.encodedQuery() == null
            ? parsed.encodedPath()
            : parsed.encodedPath() + "?" + parsed.encodedQuery();
    String actual = WechatPaySignatureInterceptor.canonicalUrl(parsed);
    assertThat(actual).isEqualTo(expected);
    return actual;
  }

  @Test
  void pathAndQueryAreCutFromTheUrl() {
    assertThat(
            canonical(
                "https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109"))
        .isEqualTo(
            "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109");
    assertThat(canonical("https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi"))
        .isEqualTo("/v3/pay/transactions/jsapi");
  }

  @Test
  void portUserInfoIpv6FragmentAndEncodingsAreHandled() {
    assertThat(canonical("http://127.0.0.1:8080/")).isEqualTo("/");
    assertThat(canonical("http://127.0.0.1:8080")).isEqualTo("/");
    assertThat(canonical("http://user:p%2Fss@[::1]:9/a%20b/c?x=1&y=%E4%B8%AD#frag"))
        .isEqualTo("/a%20b/c?x=1&y=%E4%B8%AD");
    assertThat(canonical("https://example.com/a?")).isEqualTo("/a?");
    assertThat(canonical("https://example.com/v3/bill?date=2024-01-01&tar_type=GZIP#x"))
        .isEqualTo("/v3/bill?date=2024-01-01&tar_type=GZIP");
  }
}
