package io.moraine.server.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The agent jar's SLF4J provider: the same logfmt lines on stderr as the server's Logback
 * configuration ({@code time=... level=... logger=... msg="..." key="value"}), at INFO and above
 * ({@code -Dmoraine.log.level=DEBUG} for more), without Logback and its XML parser, which would
 * double the agent's loaded classes. Registered only in {@code moraine-agent.jar}'s {@code
 * META-INF/services}; {@code moraine.jar} keeps Logback.
 */
public final class AgentLog implements SLF4JServiceProvider {
  private final BasicMarkerFactory markers = new BasicMarkerFactory();
  private final NOPMDCAdapter mdc = new NOPMDCAdapter();
  private final Level threshold = level(System.getProperty("moraine.log.level", "INFO"));
  private final ILoggerFactory factory = name -> new LogfmtLogger(name, threshold, System.err);

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static Level level(String s) {
    try {
      return Level.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  /** One logger: formats a line and writes it to the stream in one call. Thread-safe. */
  static final class LogfmtLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private final String shortName;
    private final Level threshold;
    private final transient PrintStream out;

    LogfmtLogger(String name, Level threshold, PrintStream out) {
      this.name = name;
      this.shortName = name.substring(name.lastIndexOf('.') + 1);
      this.threshold = threshold;
      this.out = out;
    }

    private boolean on(Level l) {
      return l.toInt() >= threshold.toInt();
    }

    @Override
    public void log(LoggingEvent e) {
      if (!on(e.getLevel())) {
        return;
      }
      Object[] args = e.getArgumentArray();
      String msg =
          MessageFormatter.basicArrayFormat(e.getMessage(), args == null ? new Object[0] : args);
      write(e.getLevel(), msg, e.getKeyValuePairs(), e.getThrowable());
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level,
        @Nullable Marker marker,
        String pattern,
        Object @Nullable [] args,
        @Nullable Throwable t) {
      String msg = MessageFormatter.basicArrayFormat(pattern, args == null ? new Object[0] : args);
      write(level, msg, null, t);
    }

    private void write(
        Level level,
        @Nullable String msg,
        java.util.@Nullable List<KeyValuePair> kvs,
        @Nullable Throwable t) {
      StringBuilder sb = new StringBuilder(128);
      sb.append("time=").append(TIME.format(Instant.now()));
      sb.append(" level=").append(level).append(" logger=").append(shortName);
      sb.append(" msg=\"").append(escape(msg == null ? "" : msg)).append('"');
      if (kvs != null) {
        for (KeyValuePair kv : kvs) {
          sb.append(' ')
              .append(kv.key)
              .append("=\"")
              .append(escape(String.valueOf(kv.value)))
              .append('"');
        }
      }
      if (t != null) {
        sb.append(" err=\"").append(escape(t.toString())).append('"');
      }
      sb.append('\n');
      out.print(sb);
      out.flush();
    }

    private static String escape(String s) {
      return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    protected @Nullable String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    public boolean isTraceEnabled() {
      return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return on(Level.ERROR);
    }
  }
}
