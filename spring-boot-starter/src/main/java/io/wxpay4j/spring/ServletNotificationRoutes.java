package io.wxpay4j.spring;

import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** The notification endpoints on Spring MVC: {@code POST <notify.path>}, raw body, capped. */
final class ServletNotificationRoutes implements RouterFunction<ServerResponse> {
  private final Map<String, NotificationEndpoint> endpoints;

  ServletNotificationRoutes(Map<String, NotificationEndpoint> endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
    if (!HttpMethod.POST.equals(request.method())) {
      return Optional.empty();
    }
    NotificationEndpoint endpoint =
        endpoints.get(request.requestPath().pathWithinApplication().value());
    return endpoint == null ? Optional.empty() : Optional.of(r -> handle(endpoint, r));
  }

  private static ServerResponse handle(NotificationEndpoint endpoint, ServerRequest request)
      throws Exception {
    HttpServletRequest servlet = request.servletRequest();
    NotificationRequest notification;
    try (InputStream body = servlet.getInputStream()) {
      notification = NotificationRequest.read(servlet::getHeader, body, endpoint.maxBodyBytes());
    }
    return response(endpoint.handle(notification));
  }

  static ServerResponse response(NotificationAnswer answer) {
    if (answer.body().isEmpty()) {
      return ServerResponse.status(answer.status()).build();
    }
    return ServerResponse.status(answer.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(answer.body().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "WeChat Pay notifications: POST " + endpoints.keySet();
  }
}
