package io.wxpay4j.internal;

import okhttp3.OkHttpClient;

/**
 * The process-wide {@link OkHttpClient} that every wxpay4j client built without one of the user's
 * derives its own from with {@code newBuilder()}: one {@code ConnectionPool} and one {@code
 * Dispatcher} for all of them, as OkHttp recommends, instead of a pool (and its idle connections)
 * per client. Created on first use and never changed afterwards; nothing ever shuts it down, since
 * any client may still use it. OkHttp's own defaults apply (5 idle connections kept for 5 minutes).
 */
public final class SharedHttp {
  private SharedHttp() {}

  /** The shared default client; derive from it, never add to it. */
  public static OkHttpClient client() {
    return Holder.CLIENT;
  }

  /** Lazy: the class initialiser runs on the first call of {@link #client()}. */
  private static final class Holder {
    static final OkHttpClient CLIENT = new OkHttpClient();
  }
}
