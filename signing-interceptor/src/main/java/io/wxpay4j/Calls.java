package io.wxpay4j;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs generated Retrofit calls and turns every outcome into a value or one of the facade's
 * exceptions.
 */
final class Calls {
  private Calls() {}

  static <T> WechatPayResponse<T> execute(Call<T> call, String operation) {
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw translate(e, operation);
    } catch (JsonDataException e) {
      throw undecodable(e, operation);
    }
    return result(response, operation);
  }

  static <T> CompletableFuture<WechatPayResponse<T>> enqueue(Call<T> call, String operation) {
    CompletableFuture<WechatPayResponse<T>> future = new CompletableFuture<>();
    call.enqueue(
        new Callback<T>() {
          @Override
          public void onResponse(Call<T> call, Response<T> response) {
            try {
              future.complete(result(response, operation));
            } catch (WechatPayException e) {
              future.completeExceptionally(e);
            }
          }

          @Override
          public void onFailure(Call<T> call, Throwable t) {
            if (t instanceof IOException) {
              future.completeExceptionally(translate((IOException) t, operation));
            } else if (t instanceof JsonDataException) {
              future.completeExceptionally(undecodable((JsonDataException) t, operation));
            } else {
              future.completeExceptionally(t);
            }
          }
        });
    // Cancelling the future cancels the HTTP call.
    future.whenComplete(
        (value, failure) -> {
          if (future.isCancelled()) {
            call.cancel();
          }
        });
    return future;
  }

  private static <T> WechatPayResponse<T> result(Response<T> response, String operation) {
    String requestId = response.headers().get("Request-ID");
    if (response.isSuccessful()) {
      return new WechatPayResponse<>(response.body(), requestId, response.code());
    }
    byte[] body = new byte[0];
    try (ResponseBody errorBody = response.errorBody()) {
      if (errorBody != null) {
        body = errorBody.bytes();
      }
    } catch (IOException e) {
      // The status and Request-ID already say what happened; the body is diagnostics only.
    }
    RetryInterceptor.Attempts attempts =
        response.raw().request().tag(RetryInterceptor.Attempts.class);
    throw new WechatPayApiException(
        WechatPayErrorResponse.parse(response.code(), requestId, body),
        operation,
        attempts == null ? 1 : attempts.count,
        attempts != null && attempts.earlierMayHaveTakenEffect);
  }

  static WechatPayException translate(IOException e, String operation) {
    WechatPaySignatureException unverified = WechatPaySignatureException.from(e);
    if (unverified != null) {
      return unverified.withOperation(operation);
    }
    // False only for failures before a connection existed, on every attempt (see Failures).
    return new WechatPayConnectionException(e, operation, Failures.mayHaveBeenSent(e));
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
