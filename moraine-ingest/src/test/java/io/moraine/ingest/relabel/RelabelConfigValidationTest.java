package io.moraine.ingest.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Load-time checks. The bad configurations are Prometheus 2.42's {@code config/testdata/*.bad.yml}
 * for relabeling, with their expected messages.
 */
class RelabelConfigValidationTest {
  private static RelabelConfig.Builder cfg(RelabelAction action) {
    return RelabelConfig.builder().action(action);
  }

  static Stream<Arguments> bad() {
    var keep = RelabelAction.LABELKEEP;
    var drop = RelabelAction.LABELDROP;
    String onlyRegexKeep = "labelkeep action requires only 'regex', and no other fields";
    String onlyRegexDrop = "labeldrop action requires only 'regex', and no other fields";
    return Stream.of(
        Arguments.of(
            "modulus_missing",
            cfg(RelabelAction.HASHMOD).regex("abcdef"),
            "relabel configuration for hashmod requires non-zero modulus"),
        Arguments.of("labelkeep", cfg(keep).sourceLabels("abcdef"), onlyRegexKeep),
        Arguments.of("labelkeep2", cfg(keep).modulus(8), onlyRegexKeep),
        Arguments.of("labelkeep3", cfg(keep).separator(","), onlyRegexKeep),
        Arguments.of("labelkeep4", cfg(keep).replacement("yolo-{1}"), onlyRegexKeep),
        Arguments.of("labelkeep5", cfg(keep).targetLabel("yolo"), onlyRegexKeep),
        Arguments.of("labeldrop", cfg(drop).sourceLabels("abcdef"), onlyRegexDrop),
        Arguments.of("labeldrop2", cfg(drop).modulus(8), onlyRegexDrop),
        Arguments.of("labeldrop3", cfg(drop).separator(","), onlyRegexDrop),
        Arguments.of("labeldrop4", cfg(drop).replacement("yolo-{1}"), onlyRegexDrop),
        Arguments.of("labeldrop5", cfg(drop).targetLabel("yolo"), onlyRegexDrop),
        Arguments.of(
            "dropequal",
            cfg(RelabelAction.DROPEQUAL).sourceLabels("abcdef"),
            "relabel configuration for dropequal action requires 'target_label' value"),
        Arguments.of(
            "dropequal1",
            cfg(RelabelAction.DROPEQUAL).sourceLabels("abcdef").regex("foo").targetLabel("bar"),
            "dropequal action requires only 'source_labels' and `target_label`, and no other"
                + " fields"),
        Arguments.of(
            "keepequal",
            cfg(RelabelAction.KEEPEQUAL).sourceLabels("abcdef"),
            "relabel configuration for keepequal action requires 'target_label' value"),
        Arguments.of(
            "keepequal1",
            cfg(RelabelAction.KEEPEQUAL).sourceLabels("abcdef").regex("foo").targetLabel("bar"),
            "keepequal action requires only 'source_labels' and `target_label`, and no other"
                + " fields"),
        Arguments.of(
            "keepequal-separator",
            cfg(RelabelAction.KEEPEQUAL).sourceLabels("a").targetLabel("b").separator(","),
            "keepequal action requires only 'source_labels' and `target_label`, and no other"
                + " fields"),
        Arguments.of(
            "labelmap",
            cfg(RelabelAction.LABELMAP).replacement("l-$1"),
            "\"l-$1\" is invalid 'replacement' for labelmap action"),
        Arguments.of(
            "lowercase",
            cfg(RelabelAction.LOWERCASE).sourceLabels("__name__"),
            "relabel configuration for lowercase action requires 'target_label' value"),
        Arguments.of(
            "lowercase2",
            cfg(RelabelAction.LOWERCASE).sourceLabels("__name__").targetLabel("42lab"),
            "\"42lab\" is invalid 'target_label' for lowercase action"),
        Arguments.of(
            "lowercase3",
            cfg(RelabelAction.LOWERCASE)
                .sourceLabels("__name__")
                .targetLabel("__name__")
                .replacement("bar"),
            "'replacement' can not be set for lowercase action"),
        Arguments.of(
            "uppercase",
            cfg(RelabelAction.UPPERCASE).sourceLabels("__name__"),
            "relabel configuration for uppercase action requires 'target_label' value"),
        Arguments.of(
            "uppercase2",
            cfg(RelabelAction.UPPERCASE).sourceLabels("__name__").targetLabel("42lab"),
            "\"42lab\" is invalid 'target_label' for uppercase action"),
        Arguments.of(
            "uppercase3",
            cfg(RelabelAction.UPPERCASE)
                .sourceLabels("__name__")
                .targetLabel("__name__")
                .replacement("bar"),
            "'replacement' can not be set for uppercase action"),
        Arguments.of(
            "target_label_missing",
            cfg(RelabelAction.REPLACE).regex("abcdef"),
            "relabel configuration for replace action requires 'target_label' value"),
        Arguments.of(
            "target_label_hashmod_missing",
            cfg(RelabelAction.HASHMOD).sourceLabels("__address__").modulus(8),
            "relabel configuration for hashmod action requires 'target_label' value"),
        Arguments.of(
            "hashmod-templated-target",
            cfg(RelabelAction.HASHMOD).modulus(8).targetLabel("${1}"),
            "\"${1}\" is invalid 'target_label' for hashmod action"),
        Arguments.of(
            "replace-invalid-target-quoted-as-go",
            cfg(RelabelAction.REPLACE).targetLabel("a\"b\n"),
            "\"a\\\"b\\n\" is invalid 'target_label' for replace action"),
        Arguments.of(
            "keepequal-target-checked-before-fields",
            cfg(RelabelAction.KEEPEQUAL).targetLabel("-x").regex("foo"),
            "\"-x\" is invalid 'target_label' for keepequal action"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void rejectsWithPrometheusMessage(String name, RelabelConfig.Builder b, String message) {
    RelabelConfig c = b.build();
    assertThatThrownBy(c::validate)
        .isInstanceOf(InvalidRelabelConfigException.class)
        .hasMessage(message);
    assertThatThrownBy(
            () ->
                Relabeler.of(
                    List.of(RelabelConfig.DEFAULT.toBuilder().targetLabel("x").build(), c)))
        .hasMessage(message);
  }

  @Test
  void acceptsGoodConfigurations() {
    List<RelabelConfig> good =
        List.of(
            cfg(RelabelAction.REPLACE).targetLabel("${1}_x").build(),
            cfg(RelabelAction.KEEP).sourceLabels("a").regex("").build(),
            cfg(RelabelAction.DROP).build(),
            cfg(RelabelAction.HASHMOD).modulus(-1).targetLabel("__tmp").build(),
            cfg(RelabelAction.LABELMAP).regex("__meta_(.+)").replacement("k_${1}").build(),
            cfg(RelabelAction.LABELDROP).regex("id|name").build(),
            cfg(RelabelAction.LABELKEEP).build(),
            cfg(RelabelAction.LOWERCASE).sourceLabels("a").targetLabel("a").build(),
            cfg(RelabelAction.KEEPEQUAL).sourceLabels("a").targetLabel("b").build(),
            cfg(RelabelAction.DROPEQUAL).targetLabel("b").build());
    for (RelabelConfig c : good) {
      assertThatCode(c::validate).as(c.toString()).doesNotThrowAnyException();
    }
    assertThat(Relabeler.of(good).configs()).isEqualTo(good);
  }

  @Test
  void badRegexNamesTheAnchoredRegex() {
    RelabelConfig c = cfg(RelabelAction.KEEP).regex("(abc").build();
    assertThatThrownBy(c::validate)
        .isInstanceOf(InvalidRelabelConfigException.class)
        .hasMessageStartingWith("error parsing regexp: ")
        .hasMessageEndingWith("`^(?:(abc)$`");
  }

  @Test
  void actionNamesParseIgnoringCase() {
    assertThat(RelabelAction.parse("KeepEqual")).isEqualTo(RelabelAction.KEEPEQUAL);
    assertThat(RelabelAction.parse("labelmap")).isEqualTo(RelabelAction.LABELMAP);
    assertThatThrownBy(() -> RelabelAction.parse("keep_if"))
        .hasMessage("unknown relabel action \"keep_if\"");
    assertThatThrownBy(() -> RelabelAction.parse("")).hasMessage("relabel action cannot be empty");
  }

  @ParameterizedTest
  @CsvSource({
    "-label,false", "label,true", "label${1},true", "${1}label,true", "${1},true", "${,false",
    "$,false", "${},false", "foo${,false", "$1,true", "asd$2asd,true", "-foo${1}bar-,false",
    "_${1}_,true", "foo${bar}foo,true", "1abc,false", "a-b,false", "$a$b,true", "${a}${b},true",
    "a$,false", "é,false"
  })
  void targetTemplateValidity(String s, boolean valid) {
    assertThat(TargetTemplate.isValid(s)).isEqualTo(valid);
  }

  /** The one-pass check against Prometheus's own regex on many short strings. */
  @Test
  void targetTemplateAgreesWithPrometheusRegex() {
    Pattern prom = Pattern.compile("^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$");
    String alphabet = "a_0${}-Z";
    Random rnd = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(9);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      assertThat(TargetTemplate.isValid(s)).as(s).isEqualTo(prom.matcher(s).matches());
    }
  }
}
