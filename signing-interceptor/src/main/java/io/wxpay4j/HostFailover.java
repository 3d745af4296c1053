package io.wxpay4j;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends a client's calls to the backup host (备域名, {@code api2.mch.weixin.qq.com}) for a cool-down
 * after a connection-level failure on the primary, then to the primary again. One job: it routes
 * and remembers, and leaves repeating the failed call to {@link RetryInterceptor}, which runs
 * before it, so the retry of a call that failed on the primary goes to the backup. HTTP error
 * answers never switch hosts: the host answered.
 *
 * <p>A connection-level failure on the backup during the cool-down switches back to the primary at
 * once. Only URLs under the primary base URL are rewritten (scheme, host, port and path prefix);
 * others pass untouched. It comes before the signing interceptor, which therefore signs the path
 * actually sent. State is per instance (one per client), never static; thread-safe.
 */
final class HostFailover implements Interceptor {

  private final HttpUrl primary;
  private final HttpUrl backup;
  private final String primaryPrefix;
  private final long coolDownNanos;
  private final LongSupplier nanoTime;

  private boolean onBackup; // guarded by this
  private long backupSince; // guarded by this

  HostFailover(HttpUrl primary, HttpUrl backup, Duration coolDown, LongSupplier nanoTime) {
    this.primary = Objects.requireNonNull(primary, "primary == null");
    this.backup = Objects.requireNonNull(backup, "backup == null");
    this.primaryPrefix = primary.toString();
    this.coolDownNanos = coolDown.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
  }

  private boolean useBackup() {
    if (onBackup && nanoTime.getAsLong() - backupSince >= coolDownNanos) {
      onBackup = false; // cool-down over: try the primary again
    }
    return onBackup;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String url = request.url().toString();
    if (!url.startsWith(primaryPrefix)) {
      return chain.proceed(request);
    }
    boolean toBackup;
    synchronized (this) {
      toBackup = useBackup();
    }
    if (toBackup) {
      HttpUrl rewritten = HttpUrl.get(backup + url.substring(primaryPrefix.length()));
      request = request.newBuilder().url(rewritten).build();
    }
    CallRecord record = CallRecord.of(request);
    if (record != null) {
      HttpUrl sent = request.url();
      record.sentTo(
          sent.port() == HttpUrl.defaultPort(sent.scheme())
              ? sent.host()
              : sent.host() + ":" + sent.port());
    }
    try {
      return chain.proceed(request);
    } catch (IOException e) {
      if (Failures.isConnectionLevel(e) && !chain.call().isCanceled()) {
        failed(toBackup, e);
      }
      throw e;
    }
  }

  private synchronized void failed(boolean onBackupHost, IOException e) {
    if (onBackupHost) {
      if (onBackup) {
        onBackup = false;
        Log.LOGGER.log(
            System.Logger.Level.WARNING,
            "backup host " + backup + " failed too (" + e + "): calls go to " + primary + " again");
      }
    } else if (!onBackup) {
      onBackup = true;
      backupSince = nanoTime.getAsLong();
      Log.LOGGER.log(
          System.Logger.Level.WARNING,
          "primary host "
              + primary
              + " failed ("
              + e
              + "): calls go to the backup "
              + backup
              + " for "
              + java.time.Duration.ofNanos(coolDownNanos));
    }
  }

  @Override
  public String toString() {
    return "HostFailover{primary=" + primary + ", backup=" + backup + "}";
  }

  /**
   * The logger, created on first use: {@code System.getLogger} searches the class path for a
   * logging backend and starts one, which a program that never logs here need not wait for.
   */
  private static final class Log {
    static final System.Logger LOGGER = System.getLogger(HostFailover.class.getName());
  }
}
