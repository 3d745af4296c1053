package io.wxpay4j;

import io.wxpay4j.auth.SkipResponseVerification;
import io.wxpay4j.model.HashType;
import io.wxpay4j.model.QueryBillEntity;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Downloads a bill file from the {@code download_url} of an application: a signed GET through the
 * client's signing {@link OkHttpClient} tagged {@link SkipResponseVerification} (the file is not
 * signed), to a WeChat Pay API host or the configured base URL only, streamed through gunzip (when
 * asked for gzip) and SHA-1 into the target, never held in memory. The SHA-1 is over the
 * uncompressed bill (bills.md §4, §6: "原始账单(gzip需要解压缩)的摘要值"; the official Java SDK digests behind
 * its GZIPInputStream too).
 */
final class BillDownloader {
  /** The hosts WeChat Pay answers download URLs on (bills.md §1; wechatpay-v3.md §1). */
  static final Set<String> WECHAT_PAY_HOSTS =
      Set.of(
          "api.mch.weixin.qq.com",
          "api2.mch.weixin.qq.com",
          "api.wechatpay.cn",
          "api2.wechatpay.cn",
          "apihk.mch.weixin.qq.com");

  private static final int BUFFER = 64 * 1024;

  private final OkHttpClient client;
  private final HttpUrl baseUrl;

  BillDownloader(OkHttpClient client, HttpUrl baseUrl) {
    this.client = client;
    this.baseUrl = baseUrl;
  }

  /** Where a bill goes: a file (written beside it, then moved) or a caller's stream. */
  abstract static class Target {
    abstract OutputStream open() throws IOException;

    /** The bill is complete and verified. */
    abstract void succeeded() throws IOException;

    /** Something failed: no partial file may remain. */
    abstract void failed();

    abstract @Nullable Path file();

    static Target of(Path file) {
      return new Target() {
        private @Nullable Path partial;

        @Override
        OutputStream open() throws IOException {
          Path absolute = file.toAbsolutePath();
          partial =
              Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".part");
          return Files.newOutputStream(partial);
        }

        @Override
        void succeeded() throws IOException {
          Path done = partial;
          partial = null;
          try {
            Files.move(
                done, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException e) {
            Files.move(done, file, StandardCopyOption.REPLACE_EXISTING);
          }
        }

        @Override
        void failed() {
          if (partial != null) {
            try {
              Files.deleteIfExists(partial);
            } catch (IOException e) {
              // Best effort: the name ends in .part, so it is never taken for a bill.
            }
            partial = null;
          }
        }

        @Override
        Path file() {
          return file;
        }
      };
    }

    static Target of(OutputStream out) {
      return new Target() {
        @Override
        OutputStream open() {
          return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              out.flush(); // the caller's stream stays open
            }
          };
        }

        @Override
        void succeeded() {}

        @Override
        void failed() {}

        @Override
        @Nullable Path file() {
          return null;
        }
      };
    }
  }

  /** A verified download: the uncompressed size and the SHA-1. */
  static final class Downloaded {
    final long size;
    final String sha1;

    Downloaded(long size, String sha1) {
      this.size = size;
      this.sha1 = sha1;
    }
  }

  /**
   * Downloads {@code answer.download_url} into {@code target}.
   *
   * @throws WechatPayApiException if the download is answered with an error (e.g. {@code 400
   *     INVALID_REQUEST} for an expired URL)
   * @throws WechatPayBillIntegrityException if the bill does not match its hash
   * @throws WechatPayConnectionException if the connection fails
   * @throws WechatPayException if the URL's host is not one the client may send to
   * @throws UncheckedIOException if the target cannot be written
   */
  Downloaded download(String operation, QueryBillEntity answer, boolean gzip, Target target) {
    String expected = answer.getHashValue();
    if (answer.getHashType() != HashType.SHA1) {
      throw new WechatPayException(
          operation + " failed: hash_type " + answer.getHashType() + " is not SHA1",
          null,
          null,
          200,
          false);
    }
    HttpUrl url = checkedUrl(operation, answer.getDownloadUrl());
    CallRecord record = new CallRecord();
    Request request =
        new Request.Builder()
            .url(url)
            .tag(SkipResponseVerification.class, SkipResponseVerification.INSTANCE)
            .tag(CallRecord.class, record)
            .build();
    MessageDigest sha1 = sha1();
    long size = 0;
    String requestId;
    try (Response response = execute(operation, request, record)) {
      requestId = response.header("Request-ID");
      if (!response.isSuccessful()) {
        throw error(response, operation, record);
      }
      ResponseBody body = response.body();
      OutputStream out;
      try {
        out = target.open();
      } catch (IOException e) {
        throw new UncheckedIOException(operation + " failed: cannot write the bill", e);
      }
      InputStream network = new NetworkInput(body.byteStream());
      InputStream input;
      try {
        input = gzip ? new GZIPInputStream(network, BUFFER) : network;
      } catch (IOException e) {
        closeQuietly(out);
        throw readFailure(operation, e, record, expected, requestId);
      }
      try (InputStream in = input;
          OutputStream sink = out) {
        byte[] buffer = new byte[BUFFER];
        while (true) {
          int read;
          try {
            read = in.read(buffer);
          } catch (IOException e) {
            throw readFailure(operation, e, record, expected, requestId);
          }
          if (read < 0) {
            break;
          }
          sha1.update(buffer, 0, read);
          size += read;
          try {
            sink.write(buffer, 0, read);
          } catch (IOException e) {
            throw new UncheckedIOException(operation + " failed: cannot write the bill", e);
          }
        }
      } catch (IOException e) { // closing
        throw new UncheckedIOException(operation + " failed: cannot write the bill", e);
      }
      String actual = HexFormat.of().formatHex(sha1.digest());
      if (!actual.equalsIgnoreCase(expected)) {
        throw new WechatPayBillIntegrityException(
            operation,
            expected,
            actual,
            "the bill's SHA-1 does not match hash_value (" + size + " bytes read)",
            null,
            requestId);
      }
      try {
        target.succeeded();
      } catch (IOException e) {
        throw new UncheckedIOException(operation + " failed: cannot move the bill in place", e);
      }
      return new Downloaded(size, actual.toLowerCase(Locale.ROOT));
    } catch (RuntimeException e) {
      target.failed();
      throw e;
    }
  }

  /** A network failure is a connection failure; any other (gzip) failure a broken bill. */
  private static WechatPayException readFailure(
      String operation,
      IOException e,
      CallRecord record,
      String expected,
      @Nullable String requestId) {
    if (e instanceof NetworkFailure) {
      return new WechatPayConnectionException(
          ((NetworkFailure) e).cause, operation, record.attempts(), record.hosts(), false);
    }
    return new WechatPayBillIntegrityException(
        operation,
        expected,
        null,
        "the gzip stream of the bill is broken or cut short (" + e + ")",
        e,
        requestId);
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // Failing already.
    }
  }

  private Response execute(String operation, Request request, CallRecord record) {
    try {
      return client.newCall(request).execute();
    } catch (IOException e) {
      throw Calls.translate(e, operation, record);
    }
  }

  private static WechatPayApiException error(
      Response response, String operation, CallRecord record) {
    WechatPayErrorResponse error = record.error();
    if (error == null) {
      try {
        error = WechatPayErrorResponse.from(response);
      } catch (IOException e) {
        error =
            WechatPayErrorResponse.parse(
                response.code(), response.header("Request-ID"), new byte[0]);
      }
    }
    // Bill files and their errors are not signed: never verified, good only for a retry.
    return new WechatPayApiException(
        error, operation, record.attempts(), record.earlierMayHaveTakenEffect(), false);
  }

  /**
   * The download URL, if the signed request may go there: an https WeChat Pay API host, or the host
   * (scheme and port too) of the configured base URL. The Authorization header is never sent
   * anywhere else, whatever the answer says.
   */
  HttpUrl checkedUrl(String operation, String downloadUrl) {
    HttpUrl url = HttpUrl.parse(downloadUrl);
    if (url == null) {
      throw refused(operation, "download_url is not an http(s) URL");
    }
    boolean wechatPay = url.isHttps() && WECHAT_PAY_HOSTS.contains(url.host());
    boolean configured =
        url.scheme().equals(baseUrl.scheme())
            && url.host().equals(baseUrl.host())
            && url.port() == baseUrl.port();
    if (!wechatPay && !configured) {
      throw refused(
          operation,
          "download_url's host "
              + url.host()
              + (url.isHttps() ? "" : " (" + url.scheme() + ")")
              + " is neither a WeChat Pay API host "
              + List.copyOf(new java.util.TreeSet<>(WECHAT_PAY_HOSTS))
              + " nor the configured base URL's host "
              + baseUrl.host());
    }
    return url;
  }

  private static WechatPayException refused(String operation, String why) {
    return new WechatPayException(
        operation + " refused to send the signed download request: " + why, null, null, 200, false);
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A failure of the network stream itself, as opposed to the gzip format on top of it. */
  private static final class NetworkFailure extends IOException {
    private static final long serialVersionUID = 1L;
    final IOException cause;

    NetworkFailure(IOException cause) {
      super(cause);
      this.cause = cause;
    }
  }

  private static final class NetworkInput extends FilterInputStream {
    NetworkInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw new NetworkFailure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw new NetworkFailure(e);
      }
    }
  }
}
