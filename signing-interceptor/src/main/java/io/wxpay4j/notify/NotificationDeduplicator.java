package io.wxpay4j.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which notifications were handled, by {@code id}: WeChat Pay delivers a notification at
 * least once and sends it again whenever an answer is lost or late. {@link
 * NotificationParser#handle} consults it: a notification already handled is answered with success
 * without running the handler again; one is remembered only after its handler returned normally.
 *
 * <p>{@link #inMemory(int)} is a bounded default for one process. Across processes or restarts,
 * implement it over a shared store (a unique key in the database that records the payment is the
 * simplest: then the handler itself is idempotent). Implementations must be thread-safe.
 */
public interface NotificationDeduplicator {
  /** Whether the notification {@code id} was handled successfully before. */
  boolean handled(String id);

  /** Records that the notification {@code id} was handled successfully. */
  void remember(String id);

  /**
   * Remembers the most recent {@code capacity} notification ids in memory (least recently seen
   * evicted first).
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  static NotificationDeduplicator inMemory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    return new NotificationDeduplicator() {
      private final Map<String, Boolean> seen =
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > capacity;
            }
          };

      @Override
      public synchronized boolean handled(String id) {
        return seen.containsKey(id);
      }

      @Override
      public synchronized void remember(String id) {
        seen.put(id, Boolean.TRUE);
      }

      @Override
      public String toString() {
        return "NotificationDeduplicator.inMemory(" + capacity + ")";
      }
    };
  }

  /** Remembers nothing: every delivery runs the handler (for handlers that are idempotent). */
  static NotificationDeduplicator none() {
    return new NotificationDeduplicator() {
      @Override
      public boolean handled(String id) {
        return false;
      }

      @Override
      public void remember(String id) {}

      @Override
      public String toString() {
        return "NotificationDeduplicator.none()";
      }
    };
  }
}
