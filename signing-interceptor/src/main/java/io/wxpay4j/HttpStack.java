package io.wxpay4j;

import io.wxpay4j.auth.CombinedVerifier;
import io.wxpay4j.auth.PlatformCertificateVerifier;
import io.wxpay4j.auth.PublicKeyVerifier;
import io.wxpay4j.auth.Signer;
import io.wxpay4j.auth.Verifier;
import io.wxpay4j.auth.WechatPayCertificateException;
import io.wxpay4j.auth.WechatPaySignatureInterceptor;
import io.wxpay4j.internal.SharedHttp;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP stack of a {@link WechatPayClient}, built here and nowhere else: one {@link
 * OkHttpClient} per client, through which its API calls, its escape hatches and its
 * platform-certificate downloads all go.
 *
 * <pre>
 * [the user's interceptors] → RetryInterceptor → HostFailover → WechatPaySignatureInterceptor → network
 * </pre>
 *
 * <p>Retries come first, so that each attempt passes the failover and is signed afresh. OkHttp's
 * own silent resend on a failed connection is off: it would repeat a request that may have been
 * processed without the retry interceptor knowing, and {@code mayHaveTakenEffect()} could then be
 * wrong; the {@link RetryPolicy} does that job.
 *
 * <p>The client is derived with {@code newBuilder()} from the user's {@code OkHttpClient} or, by
 * default, from the process-wide {@link SharedHttp#client()}: every client shares that connection
 * pool, dispatcher, TLS set-up and route database, and owns only its {@code OkHttpClient} object,
 * its interceptor list and its interceptors.
 */
final class HttpStack {
  final OkHttpClient client;
  final Verifier verifier;
  final @Nullable PlatformCertificateVerifier certificates;

  private HttpStack(
      OkHttpClient client, Verifier verifier, @Nullable PlatformCertificateVerifier certificates) {
    this.client = client;
    this.verifier = verifier;
    this.certificates = certificates;
  }

  /**
   * The stack for the checked settings of {@code b}; with platform certificates, downloads them
   * through it first.
   *
   * @throws WechatPayException if the platform certificates cannot be downloaded or verified
   */
  static HttpStack create(WechatPayClientBuilder b) {
    String merchantId = Objects.requireNonNull(b.merchantId);
    Signer signer = Objects.requireNonNull(b.signer);
    PublicKey publicKey = b.publicKey;
    @Nullable Verifier publicKeyVerifier =
        publicKey != null
            ? PublicKeyVerifier.create(
                Objects.requireNonNull(b.publicKeyId), publicKey, b.cryptoProvider)
            : null;
    if (!b.platformCertificates) {
      Verifier verifier = Objects.requireNonNull(publicKeyVerifier);
      return new HttpStack(client(b, merchantId, signer, verifier), verifier, null);
    }
    // The certificates come through the client's own stack, whose signing interceptor cannot have
    // the verifier they make up before they are in: it gets it once they are (downloads never
    // consult it).
    BoundLater bound = new BoundLater();
    OkHttpClient client = client(b, merchantId, signer, bound);
    PlatformCertificateVerifier certificates;
    try {
      certificates =
          PlatformCertificateVerifier.builder()
              .merchantId(merchantId)
              .signer(signer)
              .apiV3Key(Objects.requireNonNull(b.apiV3Key))
              .okHttpClient(client)
              .baseUrl(b.baseUrl())
              .clock(b.clock)
              .refreshInterval(
                  b.platformCertificateRefreshInterval != null
                      ? b.platformCertificateRefreshInterval
                      : Duration.ofHours(1))
              .build();
    } catch (WechatPayCertificateException e) {
      throw new WechatPayException(e.getMessage(), e, null, 0, false);
    } catch (WechatPaySignatureException e) {
      throw e.withOperation("downloadCertificates");
    } catch (IOException e) {
      throw Calls.translate(e, "downloadCertificates", null);
    }
    Verifier verifier =
        publicKeyVerifier == null
            ? certificates
            : CombinedVerifier.create(publicKeyVerifier, certificates);
    bound.bind(verifier);
    return new HttpStack(client, verifier, certificates);
  }

  private static OkHttpClient client(
      WechatPayClientBuilder b, String merchantId, Signer signer, Verifier verifier) {
    OkHttpClient.Builder result =
        (b.okHttpClient != null ? b.okHttpClient : SharedHttp.client()).newBuilder();
    if (b.connectTimeout != null) {
      result.connectTimeout(b.connectTimeout);
    }
    if (b.readTimeout != null) {
      result.readTimeout(b.readTimeout);
    }
    if (b.writeTimeout != null) {
      result.writeTimeout(b.writeTimeout);
    }
    if (b.callTimeout != null) {
      result.callTimeout(b.callTimeout);
    }
    result.retryOnConnectionFailure(false);
    // A redirect is never followed: it would send a signed order to a host nobody configured.
    result.followRedirects(false).followSslRedirects(false);
    result.addInterceptor(new RetryInterceptor(b.retryPolicy, b.sleeper, b.nanoTime, b.random));
    HttpUrl backup = backupFor(b, b.baseUrl());
    boolean failover = backup != null && !backup.equals(b.baseUrl());
    if (failover) {
      result.addInterceptor(new HostFailover(b.baseUrl(), backup, b.failoverCoolDown, b.nanoTime));
    }
    result.addInterceptor(
        WechatPaySignatureInterceptor.builder()
            .merchantId(merchantId)
            .signer(signer)
            .verifier(verifier)
            .clock(b.clock)
            .hosts(failover ? new HttpUrl[] {b.baseUrl(), backup} : new HttpUrl[] {b.baseUrl()})
            .build());
    return result.build();
  }

  /**
   * The verifier of the signing interceptor of a client with platform certificates, bound once to
   * the client's verifier right after the first download and before the client is handed out.
   */
  private static final class BoundLater implements Verifier {
    private volatile @Nullable Verifier target;

    void bind(Verifier verifier) {
      target = verifier;
    }

    private Verifier target() {
      Verifier result = target;
      if (result == null) {
        throw new IllegalStateException("the platform certificates are not downloaded yet");
      }
      return result;
    }

    @Override
    public String serial() {
      return target().serial();
    }

    @Override
    public Set<String> serials() {
      Verifier result = target;
      return result == null ? Set.of() : result.serials();
    }

    @Override
    public @Nullable PublicKey publicKey(String serial) {
      return target().publicKey(serial);
    }

    @Override
    public boolean verify(String serial, byte[] signature, byte[]... lines)
        throws GeneralSecurityException {
      return target().verify(serial, signature, lines);
    }

    @Override
    public String toString() {
      return String.valueOf(target);
    }
  }

  /** The backup host used for {@code primary} when none is set; package-private for tests. */
  static @Nullable HttpUrl backupFor(WechatPayClientBuilder b, HttpUrl primary) {
    return b.failover ? (b.backupBaseUrl != null ? b.backupBaseUrl : defaultBackup(primary)) : null;
  }

  private static @Nullable HttpUrl defaultBackup(HttpUrl primary) {
    if (!primary.scheme().equals("https") || !primary.encodedPath().equals("/")) {
      return null;
    }
    switch (primary.host()) {
      case "api.mch.weixin.qq.com":
        return HttpUrl.get("https://api2.mch.weixin.qq.com/");
      case "api.wechatpay.cn":
        return HttpUrl.get("https://api2.wechatpay.cn/");
      default:
        return null;
    }
  }
}
