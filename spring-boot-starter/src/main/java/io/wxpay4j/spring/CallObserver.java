package io.wxpay4j.spring;

import io.wxpay4j.WechatPaySignatureException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Invocation;

/**
 * Times each call of one merchant's client across its attempts and counts the attempts. Added as an
 * application interceptor of the {@code OkHttpClient} the client derives its own from, it runs
 * before the client's retry, failover and signing interceptors and so sees one call; its {@link
 * #attempts()} network interceptor sees each attempt.
 */
final class CallObserver implements Interceptor {
  private final Observations observations;

  CallObserver(Observations observations) {
    this.observations = observations;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    AtomicInteger attempts = new AtomicInteger();
    String operation = operation(request);
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request.newBuilder().tag(AtomicInteger.class, attempts).build());
    } catch (IOException | RuntimeException e) {
      WechatPaySignatureException signature = WechatPaySignatureException.from(e);
      String outcome = "io_error";
      if (signature != null) {
        outcome = "verification_failed";
        observations.verificationFailed("answer", signature.reason().name());
      }
      observations.call(operation, outcome, System.nanoTime() - start, retries(attempts));
      throw e;
    }
    int code = response.code();
    String outcome = code < 400 ? "success" : code < 500 ? "client_error" : "server_error";
    observations.call(operation, outcome, System.nanoTime() - start, retries(attempts));
    return response;
  }

  private static int retries(AtomicInteger attempts) {
    return Math.max(attempts.get() - 1, 0);
  }

  /** The spec's operationId (the generated method's name), or the path's first segments. */
  static String operation(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation != null) {
      return invocation.method().getName();
    }
    if (request.url().encodedPath().startsWith("/v3/certificates")) {
      return "downloadCertificates";
    }
    if (request.url().encodedPath().startsWith("/v3/billdownload")) {
      return "downloadBill";
    }
    return "other";
  }

  /** The network interceptor that counts the attempts of a call this observer tagged. */
  static Interceptor attempts() {
    return chain -> {
      AtomicInteger attempts = chain.request().tag(AtomicInteger.class);
      if (attempts != null) {
        attempts.incrementAndGet();
      }
      return chain.proceed(chain.request());
    };
  }
}
