package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** The agent jar's logfmt SLF4J logger: the line format the server's Logback pattern writes. */
class AgentLogTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private Logger logger(Level threshold) {
    return new AgentLog.LogfmtLogger(
        "io.moraine.agent.Agent", threshold, new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  @Test
  void fluentKeyValuesAreLogfmtFields() {
    logger(Level.INFO)
        .atWarn()
        .addKeyValue("collector", "cpu")
        .addKeyValue("err", "a \"quoted\"\nline")
        .log("collector failed");
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertThat(line)
        .matches(
            "time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=WARN logger=Agent .*\n")
        .endsWith(" msg=\"collector failed\" collector=\"cpu\" err=\"a \\\"quoted\\\"\\nline\"\n");
  }

  @Test
  void placeholdersAndThrowables() {
    logger(Level.INFO).info("{} of {} done", 3, 4, new IllegalStateException("boom"));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(" level=INFO ")
        .contains(" msg=\"3 of 4 done\"")
        .endsWith(" err=\"java.lang.IllegalStateException: boom\"\n");
  }

  @Test
  void belowTheThresholdNothingIsWritten() {
    Logger log = logger(Level.INFO);
    assertThat(log.isDebugEnabled()).isFalse();
    assertThat(log.isInfoEnabled()).isTrue();
    log.debug("hidden");
    log.atDebug().addKeyValue("k", "v").log("hidden too");
    assertThat(bytes.size()).isZero();
  }
}
