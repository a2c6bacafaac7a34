package io.moraine.promql.function;

import static io.moraine.promql.function.Windows.apply;
import static io.moraine.promql.function.Windows.regular;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangesTest {
  private static final double NAN = Double.NaN;

  private static Window values(double... vs) {
    return regular(0, 3000, 0, 300, vs);
  }

  @Test
  void resetsCountsDrops() {
    assertThat(apply(Changes::resets, values(1, 2, 3, 0, 1, 0, 0, 1, 2, 0))).isEqualTo(3.0);
    assertThat(apply(Changes::resets, values(1, 2, 3, 4, 5, 1, 2, 3, 4, 5))).isEqualTo(1.0);
    assertThat(apply(Changes::resets, values(5))).isEqualTo(0.0);
    assertThat(apply(Changes::resets, values(1, NAN, 0))).isEqualTo(0.0);
  }

  @Test
  void changesCountsDifferences() {
    assertThat(apply(Changes::changes, values(1, 2, 3, 0, 1, 0, 0, 1, 2, 0))).isEqualTo(8.0);
    assertThat(apply(Changes::changes, values(0, 0, 0, 0, 0, 1, 1, 1, 1, 1))).isEqualTo(1.0);
    assertThat(apply(Changes::changes, values(5))).isEqualTo(0.0);
  }

  @Test
  void nanToNaNIsNoChangeButNaNToANumberIs() {
    assertThat(apply(Changes::changes, values(NAN, NAN, NAN))).isEqualTo(0.0);
    assertThat(apply(Changes::changes, values(0, NAN, 0))).isEqualTo(2.0);
  }
}
