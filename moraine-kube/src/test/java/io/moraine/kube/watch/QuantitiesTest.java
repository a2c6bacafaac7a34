package io.moraine.kube.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes quantities: properties over random quantities, and fabric8's reading as a reference.
 */
class QuantitiesTest {
  private static final List<String> SUFFIXES =
      List.of(
          "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e3",
          "E-2", "e0", "e+6");

  /** A random decimal like {@code 12}, {@code 0.375} or {@code -4.5}. */
  private static String number(SplittableRandom r) {
    String sign = r.nextInt(8) == 0 ? "-" : "";
    String whole = Integer.toString(r.nextInt(100_000));
    return switch (r.nextInt(3)) {
      case 0 -> sign + whole;
      case 1 -> sign + whole + "." + r.nextInt(1000);
      default -> sign + "." + (1 + r.nextInt(999));
    };
  }

  @Test
  void agreesWithFabric8OnRandomQuantities() {
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 5_000; i++) {
      String q = number(r) + SUFFIXES.get(r.nextInt(SUFFIXES.size()));
      BigDecimal expected = new Quantity(q).getNumericalAmount();
      // fabric8 rounds binary multiples in a limited MathContext: agree to the last bit or two
      double e = expected.doubleValue();
      assertThat(Quantities.parse(q)).as(q).isCloseTo(e, within(Math.abs(e) * 4e-16));
    }
  }

  @Test
  void roundsTheExactValueOnce() {
    // .143 * 2^60 = 164867775158779117.568; the nearest doubles are ...104 and ...136
    assertThat(Quantities.parse(".143Ei")).isEqualTo(164867775158779104d);
    assertThat(Quantities.parse("0.1")).isEqualTo(0.1);
    assertThat(Quantities.parse("100m")).isEqualTo(0.1);
  }

  @Test
  void suffixesScaleTheNumber() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      String n = number(r);
      double v = Quantities.parse(n);
      assertThat(Quantities.parse(n + "Ki")).isEqualTo(v * 1024);
      assertThat(Quantities.parse(n + "Gi")).isEqualTo(v * (1L << 30));
      assertThat(Quantities.parse(n + "k")).isEqualTo(Quantities.parse(n + "e3"));
      assertThat(Quantities.parse(n + "M")).isEqualTo(Quantities.parse(n + "E6"));
      assertThat(Quantities.parse(n + "m") * 1000).isCloseTo(v, within(Math.abs(v) * 1e-12));
      assertThat(Quantities.parse(n + "n")).isCloseTo(v * 1e-9, within(Math.abs(v) * 1e-20));
    }
  }

  @Test
  void commonQuantities() {
    assertThat(Quantities.parse("500m")).isEqualTo(0.5);
    assertThat(Quantities.parse("1.5Gi")).isEqualTo(1.5 * 1024 * 1024 * 1024);
    assertThat(Quantities.parse("128974848")).isEqualTo(128974848);
    assertThat(Quantities.parse("129e6")).isEqualTo(129_000_000);
    assertThat(Quantities.parse("123Mi")).isEqualTo(123 * 1024 * 1024);
    assertThat(Quantities.parse("2E")).isEqualTo(2e18);
    assertThat(Quantities.parse("+1.")).isEqualTo(1);
    assertThat(Quantities.parse("10G")).isEqualTo(1e10);
    assertThat(Quantities.parse("100u")).isEqualTo(1e-4);
  }

  @Test
  void badQuantitiesNameWhatIsWrong() {
    assertThatThrownBy(() -> Quantities.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid Kubernetes quantity '': no digits");
    assertThatThrownBy(() -> Quantities.parse("12Q"))
        .hasMessage("invalid Kubernetes quantity '12Q': unknown suffix 'Q'");
    assertThatThrownBy(() -> Quantities.parse("1e"))
        .hasMessage("invalid Kubernetes quantity '1e': unknown suffix 'e'");
    assertThatThrownBy(() -> Quantities.parse("1ex"))
        .hasMessage("invalid Kubernetes quantity '1ex': bad exponent 'ex'");
    assertThatThrownBy(() -> Quantities.parse("1 Gi"))
        .hasMessage("invalid Kubernetes quantity '1 Gi': unknown suffix ' Gi'");
    assertThatThrownBy(() -> Quantities.parse("m")).hasMessageContaining("no digits");
    assertThatThrownBy(() -> Quantities.parse("1.2.3")).hasMessageContaining("unknown suffix '.3'");
  }
}
