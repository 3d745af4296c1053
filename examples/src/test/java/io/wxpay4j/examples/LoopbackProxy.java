package io.wxpay4j.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * A loopback HTTP server in front of a simulator that records every request it receives ({@code "GET
 * /simulator/certificates"}). WeChat Pay calls ({@code /v3/…}) are forwarded byte for byte, so signatures hold
 * both ways; control calls ({@code /simulator/…}) are forwarded too, or answered {@code 404} to play a local
 * proxy or mock that is not a simulator.
 */
final class LoopbackProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "content-length", "connection", "transfer-encoding", "accept-encoding", "content-encoding");

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private LoopbackProxy(String upstream, boolean forwardControlApi) throws IOException {
    String origin = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getTarget());
        if (request.getTarget().startsWith("/simulator/") && !forwardControlApi) {
          return new MockResponse.Builder().code(404).body("<html>Not Found</html>").build();
        }
        try {
          return forward(origin, request);
        } catch (IOException e) {
          return new MockResponse.Builder().code(502).body(e.toString()).build();
        }
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** A proxy that forwards everything, control calls included, to {@code upstream}. */
  static LoopbackProxy forwardingEverything(String upstream) throws IOException {
    return new LoopbackProxy(upstream, true);
  }

  /** A proxy that forwards {@code /v3/…} to {@code upstream} and answers 404 to {@code /simulator/…}. */
  static LoopbackProxy withoutControlApi(String upstream) throws IOException {
    return new LoopbackProxy(upstream, false);
  }

  /** Its base URL, ending in {@code /}. */
  String baseUrl() {
    return server.url("/").toString();
  }

  /** Every request received, as {@code "METHOD target"}, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** The requests to the control API ({@code /simulator/…}). */
  List<String> controlRequests() {
    return requests.stream().filter(r -> r.contains(" /simulator/")).collect(Collectors.toList());
  }

  private MockResponse forward(String origin, RecordedRequest request) throws IOException {
    Headers.Builder headers = new Headers.Builder();
    for (String name : request.getHeaders().names()) {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        for (String value : request.getHeaders().values(name)) {
          headers.add(name, value);
        }
      }
    }
    RequestBody body = null;
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      String contentType = request.getHeaders().get("Content-Type");
      byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
      body = RequestBody.create(bytes, contentType == null ? null : MediaType.parse(contentType));
    }
    Request upstream =
        new Request.Builder().url(origin + request.getTarget()).headers(headers.build())
            .method(request.getMethod(), body).build();
    try (Response response = http.newCall(upstream).execute()) {
      Headers.Builder answerHeaders = new Headers.Builder();
      for (String name : response.headers().names()) {
        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
          for (String value : response.headers().values(name)) {
            answerHeaders.addUnsafeNonAscii(name, value);
          }
        }
      }
      byte[] bytes = response.body().bytes();
      return new MockResponse.Builder()
          .code(response.code())
          .headers(answerHeaders.build())
          .body(new Buffer().write(bytes))
          .build();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
