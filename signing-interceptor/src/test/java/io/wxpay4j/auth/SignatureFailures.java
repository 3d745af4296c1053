package io.wxpay4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wxpay4j.WechatPaySignatureException;
import java.io.IOException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on signature failures as they leave an OkHttp call. */
public final class SignatureFailures {
  private SignatureFailures() {}

  /**
   * Asserts that {@code call} throws the interceptor's {@link IOException}, with the {@link
   * WechatPaySignatureException} as its cause under the same message, and returns an assertion on
   * that cause (for its type, message and reason).
   */
  public static AbstractThrowableAssert<?, ? extends Throwable> assertUnverified(
      ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isExactlyInstanceOf(UnverifiedResponseException.class);
    assertThat(thrown.getCause()).isInstanceOf(WechatPaySignatureException.class);
    assertThat(thrown).hasMessage(thrown.getCause().getMessage());
    assertThat(WechatPaySignatureException.from(thrown)).isSameAs(thrown.getCause());
    return assertThat(thrown.getCause());
  }
}
