package io.wxpay4j.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests set and advance by hand; never the wall clock. */
public final class TestClock extends Clock {
  private volatile Instant now;

  public TestClock(long epochSecond) {
    this.now = Instant.ofEpochSecond(epochSecond);
  }

  public void set(long epochSecond) {
    now = Instant.ofEpochSecond(epochSecond);
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
