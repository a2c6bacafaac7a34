package io.moraine.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UlidTest {
  @Test
  void encodesTimeAndRandomBitsInCrockfordBase32() {
    // all-zero random bits: the id is the time in base32, then 16 zeros
    String id = Ulid.generate(1_469_918_176_385L, new FixedRandom(0));
    assertThat(id).isEqualTo("01ARYZ6S41" + "0000000000000000");
    assertThat(Ulid.generate(0, new FixedRandom(-1))).isEqualTo("0000000000ZZZZZZZZZZZZZZZZ");
    assertThat(Ulid.generate((1L << 48) - 1, new FixedRandom(0))).startsWith("7ZZZZZZZZZ");
  }

  @Test
  void roundTripsTimeAndSortsByTime() {
    SplittableRandom r = new SplittableRandom(1);
    String prev = "";
    for (long t = 1; t < (1L << 47); t = t * 3 + r.nextInt(1000)) {
      String id = Ulid.generate(t, r);
      assertThat(Ulid.isValid(id)).isTrue();
      assertThat(Ulid.timeMillis(id)).isEqualTo(t);
      assertThat(id).isGreaterThan(prev);
      prev = id;
    }
  }

  @Test
  void usesTheClock() {
    Clock clock =
        new Clock() {
          @Override
          public long nowMillis() {
            return 1_700_000_000_000L;
          }

          @Override
          public long nanoTime() {
            return 0;
          }
        };
    assertThat(Ulid.timeMillis(Ulid.generate(clock, new SplittableRandom(3))))
        .isEqualTo(1_700_000_000_000L);
  }

  @Test
  void rejectsMalformedIds() {
    assertThat(Ulid.isValid("01ARYZ6S410000000000000000")).isTrue();
    assertThat(Ulid.isValid("01ARYZ6S41000000000000000")).isFalse();
    assertThat(Ulid.isValid("01ARYZ6S41000000000000000I")).isFalse();
    assertThat(Ulid.isValid("01aryz6s410000000000000000")).isFalse();
    assertThat(Ulid.isValid("81ARYZ6S410000000000000000")).isFalse();
    assertThatThrownBy(() -> Ulid.timeMillis("nope")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ulid.generate(-1, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ulid.generate(1L << 48, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Returns the same long every time. */
  private record FixedRandom(long value) implements java.util.random.RandomGenerator {
    @Override
    public long nextLong() {
      return value;
    }
  }
}
