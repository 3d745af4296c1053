package io.wxpay4j;

import com.squareup.moshi.JsonDataException;
import io.wxpay4j.internal.VerifiedAnswer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs a generated Retrofit call, blocking or not, and turns every outcome into one value or one of
 * the facade's exceptions, reading the call's {@link CallRecord} once.
 */
final class Calls {
  private Calls() {}

  /**
   * Sends {@code call} and maps its verified body with {@code result}. The request was created (and
   * its body converted and checked) by {@link Pipeline} before this.
   */
  static <W, R> WechatPayResponse<R> execute(
      Call<W> call, String operation, @Nullable CallRecord record, Function<W, R> result) {
    Response<W> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw translate(e, operation, record);
    } catch (JsonDataException e) {
      throw undecodable(e, operation);
    }
    return mapped(result(response, operation, record), result, operation);
  }

  /** The result of a verified answer; one about another order is a verification failure. */
  private static <W, R> WechatPayResponse<R> mapped(
      WechatPayResponse<W> response, Function<W, R> result, String operation) {
    try {
      return response.map(result);
    } catch (WechatPaySignatureException e) {
      throw e.withOperation(operation);
    }
  }

  /** As {@link #execute}, on OkHttp's dispatcher; cancelling the future cancels the call. */
  static <W, R> CompletableFuture<WechatPayResponse<R>> enqueue(
      Call<W> call, String operation, @Nullable CallRecord record, Function<W, R> result) {
    CompletableFuture<WechatPayResponse<R>> future = new CompletableFuture<>();
    call.enqueue(
        new Callback<W>() {
          @Override
          public void onResponse(Call<W> call, Response<W> response) {
            try {
              future.complete(mapped(result(response, operation, record), result, operation));
            } catch (RuntimeException e) {
              future.completeExceptionally(e);
            }
          }

          @Override
          public void onFailure(Call<W> call, Throwable t) {
            if (t instanceof IOException) {
              future.completeExceptionally(translate((IOException) t, operation, record));
            } else if (t instanceof JsonDataException) {
              future.completeExceptionally(undecodable((JsonDataException) t, operation));
            } else {
              future.completeExceptionally(t);
            }
          }
        });
    future.whenComplete(
        (value, failure) -> {
          if (future.isCancelled()) {
            call.cancel();
          }
        });
    return future;
  }

  private static <T> WechatPayResponse<T> result(
      Response<T> response, String operation, @Nullable CallRecord record) {
    String requestId = response.headers().get("Request-ID");
    if (response.isSuccessful()) {
      return new WechatPayResponse<>(response.body(), requestId, response.code());
    }
    WechatPayErrorResponse error = record != null ? record.error() : null;
    try (ResponseBody errorBody = response.errorBody()) {
      if (error == null) {
        byte[] body = new byte[0];
        try {
          if (errorBody != null) {
            body = errorBody.bytes();
          }
        } catch (IOException e) {
          // The status and Request-ID already say what happened; the body is diagnostics only.
        }
        error = WechatPayErrorResponse.parse(response.code(), requestId, body);
      }
    }
    if (response.code() >= 300 && response.code() < 400) {
      error =
          error.withMessage(
              "a redirect to "
                  + RequestChecks.quoted(String.valueOf(response.headers().get("Location")))
                  + " was not followed: WeChat Pay does not redirect API calls, so a proxy or a"
                  + " wrong base URL answered; the order was not sent on");
    }
    throw new WechatPayApiException(
        error,
        operation,
        record == null ? 1 : record.attempts(),
        record != null && record.earlierMayHaveTakenEffect(),
        response.raw().request().tag(VerifiedAnswer.class) != null);
  }

  /** The facade's exception for an I/O failure of {@code operation}. */
  static WechatPayException translate(
      IOException e, String operation, @Nullable CallRecord record) {
    WechatPaySignatureException unverified = WechatPaySignatureException.from(e);
    if (unverified != null) {
      return unverified.withOperation(operation);
    }
    // False only for failures before a connection existed, on every attempt.
    return new WechatPayConnectionException(
        e,
        operation,
        record == null ? 1 : record.attempts(),
        record == null ? List.of() : record.hosts(),
        Failures.mayHaveBeenSent(e, record));
  }

  /**
   * {@code answer} if its {@code field} is {@code asked}; otherwise the verified answer is about
   * something else and a {@link WechatPaySignatureException} ({@code WRONG_SUBJECT}) says so.
   */
  static <T> T about(T answer, String field, @Nullable String answered, String asked) {
    if (!asked.equals(answered)) {
      throw new WechatPaySignatureException(
          "the verified answer is about "
              + field
              + " "
              + (answered == null ? "(none)" : RequestChecks.quoted(answered))
              + ", not the "
              + RequestChecks.quoted(asked)
              + " asked for; nothing may be decided on it",
          WechatPaySignatureException.Reason.WRONG_SUBJECT,
          null,
          List.of(),
          null,
          false,
          null);
    }
    return answer;
  }

  private static WechatPayException undecodable(JsonDataException e, String operation) {
    return new WechatPayException(
        operation
            + " failed: the verified answer does not match the API description ("
            + e.getMessage()
            + "); the request may have been carried out: query the order",
        e,
        null,
        0,
        true);
  }
}
