package io.wxpay4j.auth;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one daemon thread, {@value #THREAD_NAME}, on which the platform certificates of every
 * verifier in the process are refreshed: a thousand clients cost one thread, not a thousand. It is
 * created with the first schedule and ends a minute after the last task is gone.
 *
 * <p>A task holds its verifier only weakly: a verifier dropped without {@code close()} is
 * garbage-collected, and its task then ends at its next run instead of keeping it (and its HTTP
 * client) alive forever. Refreshes run one after another, so a slow download delays the others'
 * (WeChat Pay lists a new certificate 24 hours before it signs with it, so this costs nothing).
 */
final class RefreshScheduler {
  static final String THREAD_NAME = "wxpay4j-platform-certificates";

  private RefreshScheduler() {}

  /**
   * Runs {@code task} on {@code target} every {@code interval} (first after one interval) until the
   * returned future is cancelled or {@code target} is garbage-collected.
   */
  static <T> ScheduledFuture<?> scheduleWhileReachable(
      T target, Consumer<? super T> task, Duration interval) {
    WeakReference<T> reference = new WeakReference<>(target);
    long nanos = interval.toNanos();
    return Holder.EXECUTOR.scheduleWithFixedDelay(
        () -> {
          T reachable = reference.get();
          if (reachable == null) {
            // An exception ends a periodic task: its owner is gone, nobody can cancel it.
            throw new CancellationException("the verifier was garbage-collected");
          }
          task.accept(reachable);
        },
        nanos,
        nanos,
        TimeUnit.NANOSECONDS);
  }

  /**
   * Runs a download that a lookup of an unknown serial started, on a daemon thread ({@value
   * #DOWNLOAD_THREAD_NAME}) of a pool shared by every verifier: threads are made as downloads need
   * them and end after a minute idle, so a slow download of one merchant delays no other, and a
   * request thread waits for it only as long as the verifier allows.
   */
  static void download(Runnable download) {
    Downloads.EXECUTOR.execute(download);
  }

  static final String DOWNLOAD_THREAD_NAME = "wxpay4j-certificate-download";

  /** Lazy: no thread until the first unknown serial. */
  private static final class Downloads {
    static final ThreadPoolExecutor EXECUTOR =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            1,
            TimeUnit.MINUTES,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, DOWNLOAD_THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Lazy: no thread until the first verifier schedules a refresh. */
  private static final class Holder {
    static final ScheduledThreadPoolExecutor EXECUTOR = newExecutor();

    private static ScheduledThreadPoolExecutor newExecutor() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true); // a closed verifier leaves nothing in the queue
      executor.setKeepAliveTime(1, TimeUnit.MINUTES);
      executor.allowCoreThreadTimeOut(true);
      return executor;
    }
  }
}
