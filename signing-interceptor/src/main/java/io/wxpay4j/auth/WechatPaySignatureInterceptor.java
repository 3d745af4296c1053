package io.wxpay4j.auth;

import io.wxpay4j.WechatPayErrorResponse;
import io.wxpay4j.WechatPaySignatureException;
import io.wxpay4j.internal.AnswerTooLargeException;
import io.wxpay4j.internal.Nonces;
import io.wxpay4j.internal.SignatureCheck;
import io.wxpay4j.internal.VerifiedAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * An OkHttp application interceptor that signs every request and verifies every 2xx response of
 * WeChat Pay API v3 (scheme {@code WECHATPAY2-SHA256-RSA2048}).
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .addInterceptor(WechatPaySignatureInterceptor.create("1900000109", signer, verifier))
 *     .build();
 * }</pre>
 *
 * <p><b>Requests.</b> The body is buffered once; the interceptor signs {@code
 * METHOD\nencodedPath[?encodedQuery]\ntimestamp\nnonce\nbody\n} (empty body for GET) and sends the
 * very same bytes. It sets {@code Authorization}, and, unless the request already has them, {@code
 * Accept: application/json}, {@code User-Agent: wxpay4j/<version> …} and {@code Wechatpay-Serial:}
 * {@link Verifier#serial()}. A body without a content type is sent as {@code application/json}.
 *
 * <p><b>Responses.</b> A 2xx response, including a 204 with its empty body, is buffered and
 * verified before anything can parse it (headers are looked up case-insensitively; the timestamp
 * must be within 300 s of the clock; the key is chosen by {@code Wechatpay-Serial}). On failure the
 * interceptor throws an {@link IOException} (as OkHttp's contract requires) whose cause is the
 * {@link WechatPaySignatureException}, which {@link WechatPaySignatureException#from} returns.
 * Non-2xx responses pass through unverified: read them with {@link WechatPayErrorResponse#from} and
 * treat them as untrusted diagnostics. Requests tagged with {@link SkipResponseVerification} are
 * signed but their responses are not verified.
 *
 * <p>Register it with {@code addInterceptor} (not {@code addNetworkInterceptor}) so that it runs
 * once per call. Immutable and thread-safe; share one instance.
 */
public final class WechatPaySignatureInterceptor implements Interceptor {
  /** Answers larger than this (4 MiB) are refused before they are verified or parsed. */
  static final long MAX_ANSWER_BYTES = 4L * 1024 * 1024;

  private static final Pattern MERCHANT_ID = Pattern.compile("[0-9]{1,32}");
  private static final MediaType JSON = MediaType.parse("application/json");
  private static final String USER_AGENT = defaultUserAgent();

  private final String merchantId;
  private final Signer signer;
  private final Verifier verifier;
  private final Clock clock;
  private final Supplier<String> nonces;
  private final Set<String> hosts;

  private WechatPaySignatureInterceptor(Builder builder) {
    this.merchantId = Objects.requireNonNull(builder.merchantId, "merchantId == null");
    this.signer = Objects.requireNonNull(builder.signer, "signer == null");
    this.verifier = Objects.requireNonNull(builder.verifier, "verifier == null");
    this.clock = builder.clock;
    this.nonces = builder.nonces != null ? builder.nonces : Nonces.shared();
    this.hosts = Set.copyOf(builder.hosts);
  }

  /**
   * Returns an interceptor for merchant {@code merchantId} (商户号, the {@code mchid}; {@code
   * sp_mchid} for service providers) using the system clock.
   */
  public static WechatPaySignatureInterceptor create(
      String merchantId, Signer signer, Verifier verifier) {
    return builder().merchantId(merchantId).signer(signer).verifier(verifier).build();
  }

  /** Returns a builder; {@code merchantId}, {@code signer} and {@code verifier} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised from this interceptor. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.merchantId = merchantId;
    b.signer = signer;
    b.verifier = verifier;
    b.clock = clock;
    b.nonces = nonces;
    return b;
  }

  /** The merchant ID sent as {@code mchid}. */
  public String merchantId() {
    return merchantId;
  }

  /** The signer of requests. */
  public Signer signer() {
    return signer;
  }

  /** The source of verification keys. */
  public Verifier verifier() {
    return verifier;
  }

  /** The clock used for request timestamps and the response time window. */
  public Clock clock() {
    return clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = sign(chain.request());
    Response response = chain.proceed(request);
    if (request.tag(SkipResponseVerification.class) != null
        || request.tag(CertificateDownloader.Download.class) != null) {
      return response;
    }
    if (response.isSuccessful()) {
      return verify(response);
    }
    if (response.header(SignatureCheck.SIGNATURE) == null) {
      return response; // an unsigned error answer: diagnostics, never a basis for a decision
    }
    // A signed error answer is verified like a 2xx, and marked, so that the facade may act on it.
    Response verified = verify(response);
    return verified
        .newBuilder()
        .request(
            verified
                .request()
                .newBuilder()
                .tag(VerifiedAnswer.class, VerifiedAnswer.INSTANCE)
                .build())
        .build();
  }

  /**
   * Returns {@code request} with its body buffered and an {@code Authorization} header over those
   * bytes.
   */
  Request sign(Request request) throws IOException {
    if (!hosts.isEmpty() && !hosts.contains(hostAndPort(request.url()))) {
      throw new IOException(
          "refusing to sign a request to "
              + hostAndPort(request.url())
              + ": not one of this client's hosts "
              + new java.util.TreeSet<>(hosts)
              + "; WeChat Pay requests go only to its API hosts (a URL built from untrusted data"
              + " must never get a valid Authorization)");
    }
    Request.Builder signed = request.newBuilder();
    byte[] body = new byte[0];
    RequestBody original = request.body();
    if (original != null) {
      Buffer buffer = new Buffer();
      original.writeTo(buffer);
      body = buffer.readByteArray();
      MediaType contentType = original.contentType() != null ? original.contentType() : JSON;
      signed.method(request.method(), RequestBody.create(contentType, body));
    }
    HttpUrl url = request.url();
    String canonicalUrl = canonicalUrl(url);
    long timestamp = clock.instant().getEpochSecond();
    String nonce = nonces.get();
    // Line by line: RsaSha256Signer streams them into its engine, with no message array holding a
    // second copy of the body.
    String signature =
        signer.signLines(
            ascii(request.method()),
            ascii(canonicalUrl),
            ascii(Long.toString(timestamp)),
            ascii(nonce),
            body);
    signed.header(
        "Authorization",
        "WECHATPAY2-"
            + signer.algorithm()
            + " mchid=\""
            + merchantId
            + "\",nonce_str=\""
            + nonce
            + "\",timestamp=\""
            + timestamp
            + "\",serial_no=\""
            + signer.serialNumber()
            + "\",signature=\""
            + signature
            + "\"");
    if (request.header("Accept") == null) {
      signed.header("Accept", "application/json");
    }
    if (request.header("User-Agent") == null) {
      signed.header("User-Agent", USER_AGENT);
    }
    // A certificate download names no serial: there may be no certificate yet, and the public-key
    // ID
    // would have WeChat Pay sign the list with the public key instead of a trusted certificate.
    if (request.header(SignatureCheck.SERIAL) == null
        && request.tag(CertificateDownloader.Download.class) == null) {
      signed.header(SignatureCheck.SERIAL, verifier.serial());
    }
    return signed.build();
  }

  private Response verify(Response response) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = new byte[0];
    if (body != null) {
      // Buffer the whole body inside its own source and verify a copy of it: whoever reads the body
      // next reads exactly the verified bytes, without a second body, a copy of the headers or a
      // content-type parse. The copy goes through an OutputStream, not peek() or snapshot(): those
      // share okio segments, which then never return to the segment pool (an 8 KiB allocation per
      // call).
      BufferedSource source = body.source();
      try {
        source.request(MAX_ANSWER_BYTES + 1);
        Buffer buffer = source.getBuffer();
        if (buffer.size() > MAX_ANSWER_BYTES) {
          throw new AnswerTooLargeException(
              "the answer is larger than "
                  + MAX_ANSWER_BYTES
                  + " bytes: refused unread (WeChat Pay's API answers are a few KiB; bills are"
                  + " downloaded unverified, as a stream)");
        }
        bytes = new byte[Math.toIntExact(buffer.size())];
        buffer.copyTo(new ArrayOutput(bytes), 0, bytes.length);
      } catch (IOException | RuntimeException e) {
        body.close();
        throw e;
      }
    }
    try {
      SignatureCheck.verify(
          "Response", response::header, bytes, verifier, clock, response.header("Request-ID"));
    } catch (WechatPaySignatureException e) {
      if (body != null) {
        body.close();
      }
      throw new UnverifiedResponseException(e);
    }
    return response;
  }

  static String hostAndPort(HttpUrl url) {
    return url.host() + ":" + url.port();
  }

  /**
   * {@code encodedPath[?encodedQuery]}, cut once out of the URL's own string (no substrings to
   * concatenate): after {@code scheme://authority}, up to a {@code #fragment}. HttpUrl
   * percent-encodes '/' in the user info and '#' in the path and query, so the first '/' after the
   * scheme starts the path and a '#' ends the query.
   */
  static String canonicalUrl(HttpUrl url) {
    String s = url.toString();
    int start = s.indexOf('/', url.scheme().length() + 3);
    if (start == -1) {
      return "/";
    }
    int fragment = s.indexOf('#', start);
    return s.substring(start, fragment == -1 ? s.length() : fragment);
  }

  /**
   * Method, encoded URL, digits and nonce are ASCII; UTF-8 keeps any other character as the
   * signature needs.
   */
  private static byte[] ascii(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes into an array of exactly the right size. */
  private static final class ArrayOutput extends OutputStream {
    private final byte[] target;
    private int at;

    ArrayOutput(byte[] target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      target[at++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, target, at, len);
      at += len;
    }
  }

  /**
   * Returns {@code merchantId} if it is a merchant ID (digits); the message never echoes the value.
   */
  static String checkMerchantId(String merchantId) {
    Objects.requireNonNull(merchantId, "merchantId == null");
    if (!MERCHANT_ID.matcher(merchantId).matches()) {
      throw new IllegalArgumentException(
          "merchantId must be the merchant ID (商户号), digits only, e.g. 1900000109; found "
              + merchantId.length()
              + " characters that are not all digits (an appid or openid passed by mistake?)");
    }
    return merchantId;
  }

  @Override
  public String toString() {
    return "WechatPaySignatureInterceptor{merchantId="
        + merchantId
        + ", signer="
        + signer
        + ", verifier="
        + verifier
        + "}";
  }

  private static String defaultUserAgent() {
    String version = "unknown";
    try (InputStream in =
        WechatPaySignatureInterceptor.class.getResourceAsStream("wxpay4j-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        version = p.getProperty("version", version);
      }
    } catch (IOException ignored) {
      // The version is cosmetic; the header is still sent.
    }
    return "wxpay4j/"
        + version
        + " ("
        + System.getProperty("os.name")
        + "/"
        + System.getProperty("os.version")
        + ") Java/"
        + System.getProperty("java.version");
  }

  /** Configures a {@link WechatPaySignatureInterceptor}. */
  public static final class Builder {
    private @Nullable String merchantId;
    private @Nullable Signer signer;
    private @Nullable Verifier verifier;
    private Clock clock = Clock.systemUTC();
    private @Nullable Supplier<String> nonces;
    private final Set<String> hosts = new java.util.LinkedHashSet<>();

    private Builder() {}

    /**
     * Signs only requests to these base URLs' hosts (and ports), refusing others with an {@code
     * IOException} before anything is sent; any host when none is given. {@link
     * io.wxpay4j.WechatPayClient} passes its base URL and its backup.
     */
    public Builder hosts(HttpUrl... baseUrls) {
      for (HttpUrl url : baseUrls) {
        hosts.add(hostAndPort(Objects.requireNonNull(url, "baseUrls contains null")));
      }
      return this;
    }

    /** The merchant ID (商户号), digits only. Required. */
    public Builder merchantId(String merchantId) {
      this.merchantId = checkMerchantId(merchantId);
      return this;
    }

    /** The merchant-key signer. Required. */
    public Builder signer(Signer signer) {
      this.signer = Objects.requireNonNull(signer, "signer == null");
      return this;
    }

    /** The source of WeChat Pay keys for responses. Required. */
    public Builder verifier(Verifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier == null");
      return this;
    }

    /**
     * The clock for timestamps and the 300-second window; defaults to {@link Clock#systemUTC()}.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Test hook: the nonce source (32 characters from {@code [0-9A-Za-z]} by default). */
    Builder nonces(Supplier<String> nonces) {
      this.nonces = Objects.requireNonNull(nonces, "nonces == null");
      return this;
    }

    /**
     * Returns the interceptor.
     *
     * @throws IllegalStateException naming the setter that was not called
     */
    public WechatPaySignatureInterceptor build() {
      if (merchantId == null) {
        throw new IllegalStateException("merchantId(...) is required: the merchant ID (商户号)");
      }
      if (signer == null) {
        throw new IllegalStateException(
            "signer(...) is required: e.g. RsaSha256Signer.create(...)");
      }
      if (verifier == null) {
        throw new IllegalStateException(
            "verifier(...) is required: e.g. PublicKeyVerifier.create(PUB_KEY_ID_…, key)");
      }
      return new WechatPaySignatureInterceptor(this);
    }
  }
}
