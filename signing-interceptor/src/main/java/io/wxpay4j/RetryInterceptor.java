package io.wxpay4j;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Repeats a request that got no trustworthy answer, as its {@link RetryPolicy} says. One job: it
 * neither signs nor picks hosts. It comes before the failover and signing interceptors, so that
 * every attempt is signed afresh (and may go to the backup host); it copies nothing, because a body
 * that is neither one-shot nor duplex is repeatable by OkHttp's contract and the signing
 * interceptor buffers each attempt's bytes.
 *
 * <p>The call's {@link CallRecord} learns how many attempts were made and whether an earlier one
 * may have taken effect; the result mapping reads it once. For people reading a failure, the last
 * exception also carries one {@link EarlierAttempt} per earlier attempt as a {@linkplain
 * Throwable#getSuppressed() suppressed} exception (an earlier I/O failure is its cause); nothing
 * counts them.
 */
final class RetryInterceptor implements Interceptor {

  /** Waits between attempts; tests pass one that records and returns at once. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  static final Sleeper THREAD_SLEEPER =
      duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));

  private final RetryPolicy defaultPolicy;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private final DoubleSupplier random;

  RetryInterceptor(
      RetryPolicy defaultPolicy, Sleeper sleeper, LongSupplier nanoTime, DoubleSupplier random) {
    this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
    this.random = Objects.requireNonNull(random, "random == null");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallRecord record = CallRecord.of(request);
    if (record == null) { // a request sent through okHttpClient(), not the pipeline
      record = new CallRecord();
      request = request.newBuilder().tag(CallRecord.class, record).build();
    }
    RetryPolicy policy = policy(request, record);
    RequestBody body = request.body();
    if (policy.maxAttempts() == 1 || (body != null && (body.isOneShot() || body.isDuplex()))) {
      record.attemptStarted();
      return chain.proceed(request);
    }
    // The body is neither one-shot nor duplex, so OkHttp's contract makes it repeatable: every
    // attempt writes the same bytes (Retrofit's are ByteString-backed). The signing interceptor
    // buffers and signs each attempt.
    long start = nanoTime.getAsLong();
    List<Throwable> earlier = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      Response response = null;
      IOException failure = null;
      record.attemptStarted();
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        failure = e;
      }
      boolean retryable =
          !chain.call().isCanceled()
              && (failure != null
                  ? Failures.isConnectionLevel(failure)
                  : isRetryable(response, record));
      Duration wait = retryable ? policy.backoff(attempt, random.getAsDouble()) : Duration.ZERO;
      boolean giveUp =
          !retryable
              || attempt >= policy.maxAttempts()
              || Duration.ofNanos(nanoTime.getAsLong() - start)
                      .plus(wait)
                      .compareTo(policy.maxElapsed())
                  > 0;
      if (giveUp) {
        if (failure != null) {
          for (Throwable t : earlier) {
            failure.addSuppressed(t);
          }
          throw failure;
        }
        return response;
      }
      if (failure != null) {
        boolean sent = Failures.thisAttemptMayHaveBeenSent(failure);
        earlier.add(new EarlierAttempt(attempt, failure));
        record.earlierAttemptEnded(sent);
      } else {
        earlier.add(new EarlierAttempt(attempt, describe(response, record)));
        record.earlierAttemptEnded(response.code() >= 500);
        response.close();
      }
      if (Log.LOGGER.isLoggable(System.Logger.Level.DEBUG)) {
        Log.LOGGER.log(
            System.Logger.Level.DEBUG,
            request.method()
                + " "
                + request.url().encodedPath()
                + ": "
                + earlier.get(earlier.size() - 1).getMessage()
                + "; retrying in "
                + wait.toMillis()
                + " ms");
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted =
            new InterruptedIOException(
                "interrupted while waiting to retry (attempt " + attempt + ")");
        for (Throwable t : earlier) {
          interrupted.addSuppressed(t);
        }
        throw interrupted;
      }
    }
  }

  private RetryPolicy policy(Request request, CallRecord record) {
    RetryPolicy policy = record.policy();
    if (policy == null) {
      policy = request.tag(RetryPolicy.class); // a raw request's own choice
    }
    return policy != null ? policy : defaultPolicy;
  }

  /**
   * 429, 502, 503, 504, and 500 with a system-error code or none. The error body it parses is kept
   * in {@code record}, so that nobody parses it again.
   */
  static boolean isRetryable(Response response, CallRecord record) {
    int code = response.code();
    if (code == 429 || code == 502 || code == 503 || code == 504) {
      return true;
    }
    if (code != 500) {
      return false;
    }
    String errorCode;
    try {
      errorCode = errorCode(response, record);
    } catch (IOException e) {
      return true; // a 500 whose body cannot even be read is no business refusal
    }
    if (errorCode == null) {
      return true;
    }
    String normalized = errorCode.replace("_", "").toUpperCase(Locale.ROOT);
    return normalized.equals("SYSTEMERROR") || normalized.equals("BANKERROR");
  }

  private static @Nullable String errorCode(Response response, CallRecord record)
      throws IOException {
    WechatPayErrorResponse error = record.error();
    if (error == null) {
      byte[] bytes = response.peekBody(64 * 1024).bytes();
      error = WechatPayErrorResponse.parse(response.code(), response.header("Request-ID"), bytes);
      record.error(error);
    }
    return error.code();
  }

  private static String describe(Response response, CallRecord record) {
    String code = null;
    try {
      code = errorCode(response, record);
    } catch (IOException | RuntimeException e) {
      // Diagnostics only.
    }
    return "HTTP "
        + response.code()
        + (code != null ? " " + code : "")
        + " [Request-ID "
        + response.header("Request-ID")
        + "]";
  }

  /**
   * An earlier attempt of a call, kept for readers as a suppressed exception of its last failure.
   */
  static final class EarlierAttempt extends Exception {
    private static final long serialVersionUID = 1L;

    EarlierAttempt(int attempt, String answer) {
      super("attempt " + attempt + " answered " + answer, null, false, false);
    }

    EarlierAttempt(int attempt, IOException failure) {
      super("attempt " + attempt + " failed: " + failure, failure, false, false);
    }
  }

  /**
   * The logger, created on first use: {@code System.getLogger} searches the class path for a
   * logging backend and starts one, which a program that never logs here need not wait for.
   */
  private static final class Log {
    static final System.Logger LOGGER = System.getLogger(RetryInterceptor.class.getName());
  }
}
