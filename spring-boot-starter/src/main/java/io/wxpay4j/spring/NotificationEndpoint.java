package io.wxpay4j.spring;

import io.wxpay4j.notify.NotificationAnswer;
import io.wxpay4j.notify.NotificationParser;
import io.wxpay4j.notify.NotificationRequest;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One merchant's notification endpoint, independent of the web stack: verifies, decrypts, skips
 * repeats ({@link NotificationParser#handle}) and publishes the typed event as an application
 * event; a listener that throws makes the answer 500, so that WeChat Pay sends it again.
 */
final class NotificationEndpoint {
  private final String path;
  private final int maxBodyBytes;
  private final NotificationParser parser;
  private final ApplicationEventPublisher publisher;
  private final Observations observations;

  NotificationEndpoint(
      String path,
      int maxBodyBytes,
      NotificationParser parser,
      ApplicationEventPublisher publisher,
      Observations observations) {
    this.path = path;
    this.maxBodyBytes = maxBodyBytes;
    this.parser = parser;
    this.publisher = publisher;
    this.observations = observations;
  }

  String path() {
    return path;
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The answer to send for {@code request}; listeners have run when it is a success. */
  NotificationAnswer handle(NotificationRequest request) {
    NotificationAnswer answer = parser.handle(request, publisher::publishEvent);
    if (answer.status() == 401) {
      // 401 is the parser's answer to a signature that did not verify (or a missing header).
      observations.verificationFailed("notification", "signature not verified");
    }
    observations.notification(answer.status());
    return answer;
  }
}
