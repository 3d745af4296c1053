package io.wxpay4j;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * One API operation, declared once: how its request is built from the caller's input and the
 * client's defaults (with the local checks that need no network), which generated call sends it,
 * and how the verified answer becomes the result. {@link Pipeline} derives the blocking form, the
 * {@code CompletableFuture} form and the per-call retry policy from it; API families are lists of
 * these. The generated interface, the request and the wire type stay inside the declaration.
 *
 * @param <I> the caller's input (a builder callback, an order number)
 * @param <R> the result handed to the caller
 */
final class Operation<I, R> {
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

  /** A call ready to be sent, what its answer becomes, and which error answers are results. */
  static final class Exchange<W, R> {
    final Call<W> call;
    final Function<W, R> result;
    final Function<WechatPayApiException, @Nullable R> recovery;

    Exchange(
        Call<W> call,
        Function<W, R> result,
        Function<WechatPayApiException, @Nullable R> recovery) {
      this.call = call;
      this.result = result;
      this.recovery = recovery;
    }
  }

  private interface Preparation<I, R> {
    Exchange<?, R> prepare(Pipeline pipeline, I input);
  }

  final String name;
  private final Preparation<I, R> preparation;

  private Operation(String name, Preparation<I, R> preparation) {
    this.name = name;
    this.preparation = preparation;
  }

  /**
   * An operation whose result is made from the answer; {@code name} appears in failure messages.
   */
  static <A, I, Q, W, R> Operation<I, R> of(
      String name,
      Class<A> api,
      RequestBuilder<I, Q> request,
      Send<A, Q, W> send,
      Result<Q, W, R> result) {
    return of(name, api, request, send, result, (context, built, error) -> null);
  }

  /** As the five-argument {@code of}, with error answers that {@code recovery} makes results. */
  static <A, I, Q, W, R> Operation<I, R> of(
      String name,
      Class<A> api,
      RequestBuilder<I, Q> request,
      Send<A, Q, W> send,
      Result<Q, W, R> result,
      Recovery<Q, R> recovery) {
    return new Operation<>(
        name,
        (pipeline, input) -> {
          ClientContext context = pipeline.context;
          Q built = request.build(context, input);
          Call<W> call = send.send(pipeline.api(api), context, built);
          return new Exchange<W, R>(
              call,
              answer -> result.of(context, built, answer),
              error -> recovery.of(context, built, error));
        });
  }

  /** An operation whose result is the answer itself. */
  static <A, I, Q, W> Operation<I, W> of(
      String name, Class<A> api, RequestBuilder<I, Q> request, Send<A, Q, W> send) {
    return of(name, api, request, send, (context, built, answer) -> answer);
  }

  /** The same operation under another name (e.g. a partner's, for failure messages). */
  Operation<I, R> named(String name) {
    return new Operation<>(name, preparation);
  }

  /** Builds and checks the request and creates the generated call, sending nothing yet. */
  Exchange<?, R> prepare(Pipeline pipeline, I input) {
    return preparation.prepare(pipeline, input);
  }

  @Override
  public String toString() {
    return name;
  }
}
