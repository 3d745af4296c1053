package io.wxpay4j;

import io.wxpay4j.model.TradeState;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Retrofit;

/**
 * Runs {@link Operation}s for one client: builds and checks the request, creates the generated call
 * (which serialises the body once and checks its bytes, see {@link JsonBodies}), hands the call's
 * {@link CallRecord} its retry policy, sends it blocking or asynchronously, and maps the answer.
 *
 * <p>A retry-policy view ({@link #withRetryPolicy}) shares everything — the Retrofit, its parsed
 * methods, the generated interfaces, the connections — and only sets a different policy on the
 * records of its calls. Thread-safe.
 */
final class Pipeline {
  final ClientContext context;
  private final Retrofit retrofit;
  private final ConcurrentHashMap<Class<?>, Object> apis;
  private final @Nullable RetryPolicy retryPolicy;

  private Pipeline(
      ClientContext context,
      Retrofit retrofit,
      ConcurrentHashMap<Class<?>, Object> apis,
      @Nullable RetryPolicy retryPolicy) {
    this.context = context;
    this.retrofit = retrofit;
    this.apis = apis;
    this.retryPolicy = retryPolicy;
  }

  /**
   * A pipeline over {@code client}: every request it sends carries a fresh {@link CallRecord},
   * which the retry and failover interceptors of {@code client} fill in.
   */
  static Pipeline create(ClientContext context, Retrofit.Builder retrofit, OkHttpClient client) {
    Retrofit built =
        retrofit
            .callFactory(
                request ->
                    client.newCall(
                        request.newBuilder().tag(CallRecord.class, new CallRecord()).build()))
            .addConverterFactory(JsonBodies.INSTANCE)
            .build();
    return new Pipeline(context, built, new ConcurrentHashMap<>(), null);
  }

  /** The same pipeline whose calls use {@code policy} instead of the client's retry policy. */
  Pipeline withRetryPolicy(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy == null");
    return new Pipeline(context, retrofit, apis, policy);
  }

  /** The generated interface {@code api}, created once per client. */
  <A> A api(Class<A> api) {
    return api.cast(apis.computeIfAbsent(api, retrofit::create));
  }

  /** The Retrofit behind the pipeline, for the {@code api(...)} escape hatch. */
  Retrofit retrofit() {
    return retrofit;
  }

  <I, R> WechatPayResponse<R> execute(Operation<I, R> operation, I input) {
    return execute(operation.prepare(this, input), operation.name);
  }

  /**
   * As {@link #execute}, asynchronously; a request refused by the local checks throws here, before
   * any future exists, exactly as the blocking form does.
   */
  <I, R> CompletableFuture<WechatPayResponse<R>> enqueue(Operation<I, R> operation, I input) {
    return enqueue(operation.prepare(this, input), operation.name);
  }

  private <W, R> WechatPayResponse<R> execute(Operation.Exchange<W, R> exchange, String name) {
    try {
      return Calls.execute(exchange.call, name, prepare(exchange.call), exchange.result);
    } catch (WechatPayApiException e) {
      WechatPayResponse<R> recovered = recover(exchange, e);
      if (recovered == null) {
        throw e;
      }
      return recovered;
    }
  }

  private <W, R> CompletableFuture<WechatPayResponse<R>> enqueue(
      Operation.Exchange<W, R> exchange, String name) {
    CompletableFuture<WechatPayResponse<R>> future =
        Calls.enqueue(exchange.call, name, prepare(exchange.call), exchange.result);
    CompletableFuture<WechatPayResponse<R>> result = new CompletableFuture<>();
    future.whenComplete(
        (response, failure) -> {
          if (failure == null) {
            result.complete(response);
            return;
          }
          Throwable cause =
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure;
          try {
            WechatPayResponse<R> recovered =
                cause instanceof WechatPayApiException
                    ? recover(exchange, (WechatPayApiException) cause)
                    : null;
            if (recovered != null) {
              result.complete(recovered);
            } else {
              result.completeExceptionally(cause);
            }
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            future.cancel(true); // cancels the call
          }
        });
    return result;
  }

  /** The result an expected error answer stands for, or null if the error stays an error. */
  private static <W, R> @Nullable WechatPayResponse<R> recover(
      Operation.Exchange<W, R> exchange, WechatPayApiException error) {
    R result = exchange.recovery.apply(error);
    return result == null
        ? null
        : new WechatPayResponse<>(result, error.requestId(), error.httpStatus());
  }

  /**
   * Queries an order with {@code query} and says what became of it; never throws a {@link
   * WechatPayException}: a failed query is an outcome carrying the failure.
   */
  <I, T> OrderOutcome<T> reconcile(
      Operation<I, T> query,
      I input,
      String outTradeNo,
      Function<T, @Nullable String> answeredOutTradeNo,
      Function<T, @Nullable TradeState> tradeState) {
    return reconcile(
        query,
        input,
        order ->
            OrderOutcome.of(
                outTradeNo,
                order,
                order == null ? null : answeredOutTradeNo.apply(order),
                order == null ? null : tradeState.apply(order)),
        failure -> OrderOutcome.failed(outTradeNo, failure));
  }

  /**
   * Runs {@code query} and turns its verified answer, or its failure, into an outcome; never throws
   * a {@link WechatPayException}. What every family's {@code reconcile} is made of.
   */
  <I, T, O> O reconcile(
      Operation<I, T> query,
      I input,
      Function<@Nullable T, O> answered,
      Function<WechatPayException, O> failed) {
    WechatPayResponse<T> response;
    try {
      response = execute(query, input);
    } catch (WechatPayException e) {
      return failed.apply(e);
    }
    return answered.apply(response.body());
  }

  /**
   * Creates the call's OkHttp request now: the body is serialised and checked (an {@link
   * IllegalArgumentException} naming the field comes out of here), and the call's record gets this
   * view's retry policy before anything is sent.
   */
  private @Nullable CallRecord prepare(Call<?> call) {
    Request request = call.request();
    CallRecord record = CallRecord.of(request);
    if (record != null && retryPolicy != null) {
      record.policy(retryPolicy);
    }
    return record;
  }
}
