package io.moraine.server.cli;

import io.moraine.core.time.Clock;

/** A clock that moves only when told. */
final class ManualClock implements Clock {
  private long nanos;

  void advanceMillis(long ms) {
    nanos += ms * 1_000_000;
  }

  @Override
  public long nowMillis() {
    return nanos / 1_000_000;
  }

  @Override
  public long nanoTime() {
    return nanos;
  }
}
