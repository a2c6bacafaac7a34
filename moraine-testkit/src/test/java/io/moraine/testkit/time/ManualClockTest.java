package io.moraine.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void movesOnlyWhenTold() {
    ManualClock clock = new ManualClock(1_000);
    assertThat(clock.nowMillis()).isEqualTo(1_000);
    assertThat(clock.nanoTime()).isZero();

    clock.advance(Duration.ofMillis(1500).plusNanos(7));
    assertThat(clock.nowMillis()).isEqualTo(2_500);
    assertThat(clock.nanoTime()).isEqualTo(1_500_000_007L);

    clock.advanceMillis(10);
    assertThat(clock.nowMillis()).isEqualTo(2_510);
    assertThat(clock.nanoTime()).isEqualTo(1_510_000_007L);
  }

  @Test
  void settingWallTimeLeavesMonotonicTimeAlone() {
    ManualClock clock = new ManualClock();
    clock.advanceMillis(5);
    clock.setMillis(-42);
    assertThat(clock.nowMillis()).isEqualTo(-42);
    assertThat(clock.nanoTime()).isEqualTo(5_000_000L);
  }

  @Test
  void refusesToGoBackwards() {
    ManualClock clock = new ManualClock();
    assertThatThrownBy(() -> clock.advanceMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.nanoTime()).isZero();
  }
}
