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
 * neither signs nor picks hosts. It must come before the signing interceptor, so that every attempt
 * is signed afresh, and it buffers the body once, so that every attempt sends exactly the same
 * bytes.
 *
 * <p>When it gives up, the caller still learns whether any attempt may have taken effect: an
 * exception carries one {@link EarlierAttempt} per earlier attempt as {@linkplain
 * Throwable#getSuppressed() suppressed} exceptions (an earlier I/O failure is its cause); an answer
 * carries a {@link Attempts} tag on its request.
 */
final class RetryInterceptor implements Interceptor {
  private static final System.Logger LOG = System.getLogger(RetryInterceptor.class.getName());

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
    RetryPolicy tagged = request.tag(RetryPolicy.class);
    RetryPolicy policy = tagged != null ? tagged : defaultPolicy;
    RequestBody body = request.body();
    if (policy.maxAttempts() == 1 || (body != null && (body.isOneShot() || body.isDuplex()))) {
      return chain.proceed(request);
    }
    // The body is neither one-shot nor duplex, so OkHttp's contract makes it repeatable: every
    // attempt writes the same bytes (Retrofit's are ByteString-backed). The signing interceptor
    // buffers and signs each attempt.
    long start = nanoTime.getAsLong();
    List<Throwable> earlier = new ArrayList<>();
    boolean earlierMayHaveTakenEffect = false;
    for (int attempt = 1; ; attempt++) {
      Response response = null;
      IOException failure = null;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        failure = e;
      }
      boolean retryable =
          !chain.call().isCanceled()
              && (failure != null ? Failures.isConnectionLevel(failure) : isRetryable(response));
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
        if (attempt == 1) {
          return response;
        }
        Attempts attempts = new Attempts(attempt, earlierMayHaveTakenEffect);
        return response
            .newBuilder()
            .request(response.request().newBuilder().tag(Attempts.class, attempts).build())
            .build();
      }
      if (failure != null) {
        boolean sent = Failures.thisAttemptMayHaveBeenSent(failure);
        earlier.add(new EarlierAttempt(attempt, failure, sent));
        earlierMayHaveTakenEffect |= sent;
      } else {
        earlier.add(new EarlierAttempt(attempt, describe(response), response.code() >= 500));
        earlierMayHaveTakenEffect |= response.code() >= 500;
        response.close();
      }
      if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
        LOG.log(
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

  /** 429, 502, 503, 504, and 500 with a system-error code or none. */
  static boolean isRetryable(Response response) {
    int code = response.code();
    if (code == 429 || code == 502 || code == 503 || code == 504) {
      return true;
    }
    if (code != 500) {
      return false;
    }
    String errorCode;
    try {
      errorCode = errorCode(response);
    } catch (IOException e) {
      return true; // a 500 whose body cannot even be read is no business refusal
    }
    if (errorCode == null) {
      return true;
    }
    String normalized = errorCode.replace("_", "").toUpperCase(Locale.ROOT);
    return normalized.equals("SYSTEMERROR") || normalized.equals("BANKERROR");
  }

  private static @Nullable String errorCode(Response response) throws IOException {
    byte[] bytes = response.peekBody(64 * 1024).bytes();
    return WechatPayErrorResponse.parse(response.code(), response.header("Request-ID"), bytes)
        .code();
  }

  private static String describe(Response response) {
    String code = null;
    try {
      code = errorCode(response);
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
   * How many attempts a call took, tagged on the request of the answer it returned after retries.
   */
  static final class Attempts {
    final int count;
    final boolean earlierMayHaveTakenEffect;

    Attempts(int count, boolean earlierMayHaveTakenEffect) {
      this.count = count;
      this.earlierMayHaveTakenEffect = earlierMayHaveTakenEffect;
    }
  }

  /** An earlier attempt of a call, kept as a suppressed exception of the call's last failure. */
  static final class EarlierAttempt extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean mayHaveTakenEffect;

    EarlierAttempt(int attempt, String answer, boolean mayHaveTakenEffect) {
      super("attempt " + attempt + " answered " + answer, null, false, false);
      this.mayHaveTakenEffect = mayHaveTakenEffect;
    }

    EarlierAttempt(int attempt, IOException failure, boolean mayHaveTakenEffect) {
      super("attempt " + attempt + " failed: " + failure, failure, false, false);
      this.mayHaveTakenEffect = mayHaveTakenEffect;
    }
  }
}
