package io.wxpay4j;

import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * One API operation, declared once: how its request is built from the caller's input and the
 * client's defaults (with the local checks that need no network), which generated call sends it,
 * and how the verified answer becomes the result. {@link Pipeline} derives the blocking form, the
 * {@code CompletableFuture} form and the per-call retry policy from it; API families are lists of
 * these.
 *
 * @param <A> the generated Retrofit interface
 * @param <I> the caller's input (a builder callback, an order number)
 * @param <Q> the request, built and checked
 * @param <W> the answer's wire type
 * @param <R> the result handed to the caller
 */
final class Operation<A, I, Q, W, R> {
  /**
   * Builds and checks a request from the caller's input; throws {@link IllegalArgumentException}.
   */
  interface RequestBuilder<I, Q> {
    Q build(ClientContext context, I input);
  }

  /** Calls the generated method for a built request. */
  interface Send<A, Q, W> {
    Call<W> send(A api, ClientContext context, Q request);
  }

  /** Turns a verified answer to {@code request} into the result. */
  interface Result<Q, W, R> {
    R of(ClientContext context, Q request, W answer);
  }

  /**
   * Turns an error answer that is an expected outcome (e.g. a bill that does not exist) into a
   * result; returns null for errors that stay errors.
   */
  interface Recovery<Q, R> {
    @Nullable R of(ClientContext context, Q request, WechatPayApiException error);
  }

  final String name;
  final Class<A> api;
  final RequestBuilder<I, Q> request;
  final Send<A, Q, W> call;
  final Result<Q, W, R> result;
  final @Nullable Recovery<Q, R> recovery;

  private Operation(
      String name,
      Class<A> api,
      RequestBuilder<I, Q> request,
      Send<A, Q, W> call,
      Result<Q, W, R> result,
      @Nullable Recovery<Q, R> recovery) {
    this.name = name;
    this.api = api;
    this.request = request;
    this.call = call;
    this.result = result;
    this.recovery = recovery;
  }

  /** An operation whose result is the answer itself; {@code name} appears in failure messages. */
  static <A, I, Q, W> Operation<A, I, Q, W, W> of(
      String name, Class<A> api, RequestBuilder<I, Q> request, Send<A, Q, W> call) {
    return new Operation<>(name, api, request, call, (context, q, answer) -> answer, null);
  }

  /** The same call under another name, with another result (e.g. signed pay parameters). */
  <R2> Operation<A, I, Q, W, R2> then(String name, Result<Q, W, R2> result) {
    return new Operation<>(name, api, request, call, result, null);
  }

  /** The same call under another name (e.g. mini-program prepay over the JSAPI endpoint). */
  Operation<A, I, Q, W, R> named(String name) {
    return new Operation<>(name, api, request, call, result, recovery);
  }

  /** The same operation, with error answers that {@code recovery} turns into results. */
  Operation<A, I, Q, W, R> recovering(Recovery<Q, R> recovery) {
    return new Operation<>(name, api, request, call, result, recovery);
  }

  @Override
  public String toString() {
    return name;
  }
}
