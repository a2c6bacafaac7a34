package io.moraine.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncodingTest {
  @Test
  void idsAreStable() {
    assertThat(Encoding.XOR.id()).isEqualTo(1);
    assertThat(Encoding.DENSE.id()).isEqualTo(2);
    for (Encoding e : Encoding.values()) {
      assertThat(Encoding.ofId(e.id())).isSameAs(e);
      assertThat(Encoding.isKnown(e.id())).isTrue();
    }
  }

  @Test
  void unknownIdsAreRefused() {
    assertThat(Encoding.isKnown(0)).isFalse();
    assertThat(Encoding.isKnown(3)).isFalse();
    assertThatThrownBy(() -> Encoding.ofId(0)).hasMessageContaining("unknown chunk encoding id 0");
    assertThatThrownBy(() -> Encoding.ofId(255)).isInstanceOf(IllegalArgumentException.class);
  }
}
