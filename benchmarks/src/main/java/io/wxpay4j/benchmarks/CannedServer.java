package io.wxpay4j.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP/1.1 keep-alive server on loopback that answers every order request with a canned,
 * correctly signed answer: {@code POST} gets the prepay answer, {@code GET} the query answer. The
 * signatures are computed ahead (and again every minute, so that the timestamp stays inside both
 * SDKs' 5-minute window), so the server costs a few microseconds per request and allocates almost
 * nothing. Header names keep their case ({@code Wechatpay-Timestamp}), which the official SDK
 * requires.
 *
 * <p>It checks only that an {@code Authorization: WECHATPAY2-SHA256-RSA2048 …} header is present
 * (401 otherwise): verifying it would add an RSA verification to every variant. The simulator
 * module is the faithful server; this one is for timing. It signs with JDK crypto directly, never
 * with wxpay4j's code.
 */
final class CannedServer implements Closeable {
  static final String PREPAY_BODY = "{\"prepay_id\":\"wx201410272009395522657a690389285100\"}";
  static final String QUERY_BODY =
      "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000109\",\"out_trade_no\":\""
          + Fixtures.OUT_TRADE_NO
          + "\",\"transaction_id\":\"4200000985202103031441826014\",\"trade_type\":\"JSAPI\","
          + "\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\","
          + "\"attach\":\"\",\"success_time\":\"2021-03-03T18:15:33+08:00\","
          + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
          + "\"amount\":{\"total\":100,\"payer_total\":100,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
  private static final String UNAUTHORIZED_BODY =
      "{\"code\":\"SIGN_ERROR\",\"message\":\"no WECHATPAY2-SHA256-RSA2048 Authorization header\"}";
  private static final byte[] UNAUTHORIZED =
      ("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: "
              + UNAUTHORIZED_BODY.length()
              + "\r\nRequest-ID: bench-401\r\n\r\n"
              + UNAUTHORIZED_BODY)
          .getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket socket;
  private final PrivateKey platformKey;
  private final String publicKeyId;
  private final ExecutorService connections;
  private final ScheduledExecutorService resigner;
  private volatile Answers answers;

  private CannedServer(ServerSocket socket, PrivateKey platformKey, String publicKeyId) {
    this.socket = socket;
    this.platformKey = platformKey;
    this.publicKeyId = publicKeyId;
    this.answers = sign();
    this.connections =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "canned-server");
              t.setDaemon(true);
              return t;
            });
    this.resigner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "canned-server-resign");
              t.setDaemon(true);
              return t;
            });
    resigner.scheduleAtFixedRate(() -> answers = sign(), 60, 60, TimeUnit.SECONDS);
    connections.execute(this::accept);
  }

  /**
   * Starts on a free loopback port; answers are signed with {@code platformKey} as {@code
   * publicKeyId}.
   */
  static CannedServer start(PrivateKey platformKey, String publicKeyId) throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    return new CannedServer(socket, platformKey, publicKeyId);
  }

  /** {@code http://127.0.0.1:port/}. */
  String baseUrl() {
    return "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + "/";
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The current signed answers, e.g. for the floors' verification. */
  Answers answers() {
    return answers;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        connections.execute(() -> serve(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      new Connection(connection.getInputStream(), connection.getOutputStream()).run();
    } catch (IOException e) {
      // The client closed the connection.
    }
  }

  /**
   * One keep-alive connection: requests parsed straight out of one reusable array (no per-byte
   * calls).
   */
  private final class Connection {
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[32768];
    private int pos;
    private int limit;

    Connection(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    void run() throws IOException {
      while (true) {
        int lineEnd = lineEnd();
        if (lineEnd < 0) {
          return;
        }
        boolean post = lineEnd - pos > 4 && buffer[pos] == 'P' && buffer[pos + 1] == 'O';
        pos = lineEnd + 1;
        long contentLength = 0;
        boolean authorized = false;
        while (true) {
          lineEnd = lineEnd();
          if (lineEnd < 0) {
            return;
          }
          int length = lineEnd - pos - (lineEnd > pos && buffer[lineEnd - 1] == '\r' ? 1 : 0);
          if (length == 0) {
            pos = lineEnd + 1;
            break;
          }
          if (startsWithIgnoreCase(buffer, pos, length, "content-length:")) {
            contentLength = parseLong(buffer, pos + "content-length:".length(), pos + length);
          } else if (startsWithIgnoreCase(
              buffer, pos, length, "authorization: WECHATPAY2-SHA256-RSA2048 ")) {
            authorized = true;
          }
          pos = lineEnd + 1;
        }
        while (contentLength > 0) {
          if (pos == limit && !fill()) {
            return;
          }
          int skipped = (int) Math.min(contentLength, limit - pos);
          pos += skipped;
          contentLength -= skipped;
        }
        Answers current = answers;
        out.write(!authorized ? UNAUTHORIZED : post ? current.prepay : current.query);
        out.flush();
      }
    }

    /** The index of the next '\n' at or after {@code pos}, reading more as needed; -1 at EOF. */
    private int lineEnd() throws IOException {
      int from = pos;
      while (true) {
        for (int i = from; i < limit; i++) {
          if (buffer[i] == '\n') {
            return i;
          }
        }
        from = limit - pos; // relative to pos after compaction
        if (!fill()) {
          return -1;
        }
        from += pos;
      }
    }

    /** Compacts and reads more; false at EOF or when a line does not fit. */
    private boolean fill() throws IOException {
      if (pos > 0) {
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        limit -= pos;
        pos = 0;
      }
      if (limit == buffer.length) {
        return false;
      }
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n <= 0) {
        return false;
      }
      limit += n;
      return true;
    }
  }

  private static boolean startsWithIgnoreCase(byte[] line, int from, int length, String prefix) {
    if (length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase((char) line[from + i]) != Character.toLowerCase(prefix.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static long parseLong(byte[] line, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      if (line[i] >= '0' && line[i] <= '9') {
        value = value * 10 + (line[i] - '0');
      }
    }
    return value;
  }

  private Answers sign() {
    long timestamp = System.currentTimeMillis() / 1000;
    return new Answers(
        answer(PREPAY_BODY, timestamp, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
        answer(QUERY_BODY, timestamp, "9A0A8659F005D6984697E2CA0A9CF3B7"),
        timestamp);
  }

  private byte[] answer(String body, long timestamp, String nonce) {
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    String signature;
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(platformKey);
      rsa.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
      signature = Base64.getEncoder().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String head =
        "HTTP/1.1 200 OK\r\n"
            + "Server: nginx\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "Content-Length: "
            + bodyBytes.length
            + "\r\n"
            + "Connection: keep-alive\r\n"
            + "Request-ID: 08F4D7F1B10610E2D104181D2084A0D40B28B92C-0\r\n"
            + "Wechatpay-Nonce: "
            + nonce
            + "\r\n"
            + "Wechatpay-Signature: "
            + signature
            + "\r\n"
            + "Wechatpay-Timestamp: "
            + timestamp
            + "\r\n"
            + "Wechatpay-Serial: "
            + publicKeyId
            + "\r\n"
            + "Wechatpay-Signature-Type: WECHATPAY2-SHA256-RSA2048\r\n"
            + "\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[headBytes.length + bodyBytes.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    resigner.shutdownNow();
    socket.close();
    connections.shutdownNow();
  }

  /** The two canned answers, signed at {@code timestamp}. */
  static final class Answers {
    final byte[] prepay;
    final byte[] query;
    final long timestamp;

    Answers(byte[] prepay, byte[] query, long timestamp) {
      this.prepay = prepay;
      this.query = query;
      this.timestamp = timestamp;
    }
  }
}
