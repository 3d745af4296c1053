package io.wxpay4j;

import io.wxpay4j.model.TradeState;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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

  <A, I, Q, W, R> WechatPayResponse<R> execute(Operation<A, I, Q, W, R> operation, I input) {
    Q request = operation.request.build(context, input);
    Call<W> call = operation.call.send(api(operation.api), context, request);
    CallRecord record = prepare(call);
    return Calls.execute(
        call, operation.name, record, answer -> operation.result.of(context, request, answer));
  }

  /**
   * As {@link #execute}, asynchronously; a request refused by the local checks throws here, before
   * any future exists, exactly as the blocking form does.
   */
  <A, I, Q, W, R> CompletableFuture<WechatPayResponse<R>> enqueue(
      Operation<A, I, Q, W, R> operation, I input) {
    Q request = operation.request.build(context, input);
    Call<W> call = operation.call.send(api(operation.api), context, request);
    CallRecord record = prepare(call);
    return Calls.enqueue(
        call, operation.name, record, answer -> operation.result.of(context, request, answer));
  }

  /**
   * Queries an order with {@code query} and says what became of it; never throws a {@link
   * WechatPayException}: a failed query is an outcome carrying the failure.
   */
  <A, I, Q, T> OrderOutcome<T> reconcile(
      Operation<A, I, Q, T, T> query,
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
  <A, I, Q, T, O> O reconcile(
      Operation<A, I, Q, T, T> query,
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
