package io.wxpay4j.spring;

import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The notification endpoints on WebFlux: the body is read up to one byte past the cap (no further),
 * and the verification and the listeners run on the bounded-elastic scheduler, since listeners
 * usually block (a database write).
 */
final class ReactiveNotificationRoutes implements RouterFunction<ServerResponse> {
  private final Map<String, NotificationEndpoint> endpoints;

  ReactiveNotificationRoutes(Map<String, NotificationEndpoint> endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
    if (!HttpMethod.POST.equals(request.method())) {
      return Mono.empty();
    }
    NotificationEndpoint endpoint =
        endpoints.get(request.requestPath().pathWithinApplication().value());
    return endpoint == null ? Mono.empty() : Mono.just(r -> handle(endpoint, r));
  }

  private static Mono<ServerResponse> handle(NotificationEndpoint endpoint, ServerRequest request) {
    int cap = endpoint.maxBodyBytes() + 1;
    return Mono.defer(
            () -> {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              return request
                  .body(BodyExtractors.toDataBuffers())
                  .doOnNext(buffer -> append(bytes, buffer, cap))
                  .takeUntil(buffer -> bytes.size() >= cap)
                  .then(Mono.fromCallable(bytes::toByteArray));
            })
        .publishOn(Schedulers.boundedElastic())
        .map(
            body -> {
              try {
                return endpoint.handle(
                    NotificationRequest.read(
                        name -> request.headers().firstHeader(name),
                        new ByteArrayInputStream(body),
                        endpoint.maxBodyBytes()));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .flatMap(ReactiveNotificationRoutes::response);
  }

  /** Copies what fits under {@code cap} and releases the buffer. */
  private static void append(ByteArrayOutputStream bytes, DataBuffer buffer, int cap) {
    try {
      int n = Math.min(buffer.readableByteCount(), cap - bytes.size());
      byte[] chunk = new byte[n];
      buffer.read(chunk);
      bytes.write(chunk, 0, n);
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static Mono<ServerResponse> response(NotificationAnswer answer) {
    if (answer.body().isEmpty()) {
      return ServerResponse.status(answer.status()).build();
    }
    return ServerResponse.status(answer.status())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(answer.body().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "WeChat Pay notifications: POST " + endpoints.keySet();
  }
}
