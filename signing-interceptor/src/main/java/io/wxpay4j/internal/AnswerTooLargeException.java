package io.wxpay4j.internal;

import java.io.IOException;

/**
 * The signing interceptor refused an answer larger than it reads: the request reached the server,
 * which answered, so trying again on this or another host would only repeat it. Not API.
 */
public final class AnswerTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public AnswerTooLargeException(String message) {
    super(message);
  }
}
