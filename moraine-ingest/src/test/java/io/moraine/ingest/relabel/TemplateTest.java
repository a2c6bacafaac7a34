package io.moraine.ingest.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code Regexp.Expand} rules; regex {@code (?P<first>a+)(b)?(?P<first>c)?(?P<x_1>d)}. */
class TemplateTest {
  private static final GoRegex RE = GoRegex.compile("(?P<first>a+)(b)?(?P<first>c)?(?P<x_1>d)");

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "$1|aad|aa",
        "${1}|aad|aa",
        "$0|aad|aad",
        "$01|aad|''", // leading zero: a name, not a number
        "$2|aad|''", // group did not participate
        "$9|aad|''", // no such group
        "$999999999|aad|''", // too large to be a number: an unknown name
        "$first|aad|aa", // first group of that name
        "$x_1|aad|d",
        "${x_1}z|aad|dz",
        "$x_1z|aad|''", // the name runs on: x_1z
        "$$|aad|$",
        "$$1|aad|$1",
        "$|aad|$",
        "a$|aad|a$",
        "${|aad|${",
        "${1|aad|${1",
        "${}|aad|${}",
        "$-|aad|$-",
        "${1}${2}${3}${4}|abcd|abcd",
        "$1é|aad|''", // é is a letter: the name is 1é
        "${1}é|aad|aaé",
        "$1.$4|aad|aa.d",
        "no refs|aad|no refs",
        "''|aad|''"
      })
  void expands(String template, String input, String expected) {
    Matcher m = RE.pattern().matcher(input);
    assertThat(m.matches()).isTrue();
    assertThat(Template.compile(template, RE).expand(input, m)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"$1,xyz", "${1},xyz", "$0,xyz", "<$1>,<xyz>", "$2,''", "$name,''"})
  void wholeMatchShapeWithoutEngine(String template, String expected) {
    GoRegex all = GoRegex.compile("(.*)");
    Matcher m = all.pattern().matcher("xyz");
    assertThat(m.matches()).isTrue();
    Template t = Template.compile(template, all);
    assertThat(t.expand("xyz", null)).isEqualTo(expected).isEqualTo(t.expand("xyz", m));
  }
}
