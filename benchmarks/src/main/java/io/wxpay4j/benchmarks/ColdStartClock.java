package io.wxpay4j.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The phase stamps of one cold-start probe JVM ({@link ColdStartWxpay4j}, {@link
 * ColdStartOfficial}): {@link System#nanoTime()} and the process CPU time at each phase boundary,
 * printed on one {@code COLDSTART} line for {@link ColdStart}. On Linux {@code nanoTime} is {@code
 * CLOCK_MONOTONIC}, shared by every process of the machine, so the driver can subtract its own
 * launch stamp from {@code main}'s. The process CPU time is that of every thread of the JVM
 * (compiler and GC threads included), as the kernel counts it: in clock ticks, 10 ms on Linux.
 *
 * <p>The first request of a probe goes through {@link #wire()}, a network interceptor on the
 * probe's {@code OkHttpClient}: it stamps the moment the signed request reaches the network and the
 * moment the answer is back from it, so the first call splits into "to the wire" (service and
 * adapter set-up, serialisation, signing), "on the wire" (connection, the simulator) and "verified"
 * (signature verification, decoding). Both SDKs carry the same interceptor.
 */
final class ColdStartClock {
  /** The phases, in order: each stamp ends the phase of that name. */
  static final String[] PHASES = {"main", "keys", "client", "sent", "received", "verified"};

  private final long[] nanos = new long[PHASES.length];
  private final long[] cpuNanos = new long[PHASES.length];
  private int next;

  private ColdStartClock() {}

  /** Stamps {@code main}: call first thing in {@code main}. */
  static ColdStartClock start() {
    ColdStartClock clock = new ColdStartClock();
    clock.mark("main");
    return clock;
  }

  /** Stamps the end of {@code phase}, the next one of {@link #PHASES}. */
  void mark(String phase) {
    long now = System.nanoTime();
    if (next >= PHASES.length || !PHASES[next].equals(phase)) {
      throw new IllegalStateException(
          "phase "
              + phase
              + " out of order; expected "
              + (next < PHASES.length ? PHASES[next] : "none"));
    }
    nanos[next] = now;
    cpuNanos[next] = cpuNanos();
    next++;
  }

  /** The network interceptor that stamps {@code sent} and {@code received} on the first call. */
  Interceptor wire() {
    return new Wire(this);
  }

  /** Prints the {@code COLDSTART} line: every stamp, and what the call answered. */
  void print(String prepayId) {
    if (next != PHASES.length) {
      throw new IllegalStateException("only " + next + " of " + PHASES.length + " phases stamped");
    }
    StringBuilder line = new StringBuilder("COLDSTART");
    for (int i = 0; i < PHASES.length; i++) {
      line.append(
          String.format(
              Locale.ROOT, " %s=%d cpu.%s=%d", PHASES[i], nanos[i], PHASES[i], cpuNanos[i]));
    }
    line.append(" prepayId=").append(prepayId);
    System.out.println(line);
    System.out.flush();
  }

  /** CPU time of the whole process so far (all threads), or -1 where the platform has none. */
  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  private static final class Wire implements Interceptor {
    private final ColdStartClock clock;
    private boolean first = true;

    Wire(ColdStartClock clock) {
      this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      boolean stamp = first;
      first = false;
      if (stamp) {
        clock.mark("sent");
      }
      Response response = chain.proceed(chain.request());
      if (stamp) {
        clock.mark("received");
      }
      return response;
    }
  }
}
