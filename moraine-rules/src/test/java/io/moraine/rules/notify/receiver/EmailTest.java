package io.moraine.rules.notify.receiver;

import static io.moraine.rules.notify.receiver.Fixtures.FIRING;
import static io.moraine.rules.notify.receiver.Fixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.rules.notify.Alert;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailTest {
  @TempDir Path dir;
  final Fixtures.Env env = new Fixtures.Env();
  final SmtpServer smtp;

  EmailTest() throws IOException {
    smtp = new SmtpServer();
  }

  @AfterEach
  void stop() throws IOException {
    smtp.close();
  }

  /** A tiny SMTP server: records commands and the message; the RCPT reply can be scripted. */
  static final class SmtpServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0);
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<String> rcptReplies = new CopyOnWriteArrayList<>();
    final List<String> rawDataLines = new CopyOnWriteArrayList<>();

    SmtpServer() throws IOException {
      Thread.ofVirtual().start(this::serve);
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          session(s);
        } catch (IOException e) {
          // closed
        }
      }
    }

    private void session(Socket s) throws IOException {
      var in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      send(out, "220 test ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(line);
        String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
        switch (verb) {
          case "EHLO" -> send(out, "250-test\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME");
          case "AUTH" -> send(out, "235 ok");
          case "RCPT" -> send(out, rcptReplies.isEmpty() ? "250 ok" : rcptReplies.removeFirst());
          case "DATA" -> {
            send(out, "354 go on");
            StringBuilder msg = new StringBuilder();
            String l;
            while (!(l = in.readLine()).equals(".")) {
              rawDataLines.add(l);
              msg.append(l.startsWith(".") ? l.substring(1) : l).append('\n');
            }
            messages.add(msg.toString());
            send(out, "250 queued");
          }
          case "QUIT" -> {
            send(out, "221 bye");
            return;
          }
          default -> send(out, "250 ok");
        }
      }
    }

    private static void send(OutputStream out, String reply) throws IOException {
      out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private DefaultReceivers receivers(boolean requireTls) {
    var c =
        new EmailConfig(
            false,
            List.of("a@example.com", "b@example.com"),
            "moraine@example.com",
            "127.0.0.1:" + smtp.socket.getLocalPort(),
            "moraine.local",
            "user",
            "pw",
            requireTls,
            Map.of("X-Team", "sre"),
            Duration.ofSeconds(5));
    var rc = new ReceiverConfig("team-x", List.of(), List.of(), List.of(), List.of(c), List.of());
    return new DefaultReceivers(List.of(rc), env.options(dir));
  }

  @Test
  void sendsMultipartMailWithSubjectLabelsAndAnnotations() {
    Alert dotty =
        new Alert(
            Labels.of("alertname", "HighLatency", "instance", "c:9100"),
            Map.of("description", "line one\n.starts with a dot"),
            Fixtures.NOW - 1000,
            Fixtures.NOW + 60_000,
            "");

    assertThat(receivers(false).deliver(notification("team-x", FIRING, dotty), Long.MAX_VALUE))
        .isTrue();

    List<String> verbs = new ArrayList<>();
    smtp.commands.forEach(c -> verbs.add(c.split("[ :]", 2)[0]));
    assertThat(verbs).containsExactly("EHLO", "AUTH", "MAIL", "RCPT", "RCPT", "DATA", "QUIT");
    assertThat(smtp.commands.get(0)).isEqualTo("EHLO moraine.local");
    String plain = "\0user\0pw";
    assertThat(smtp.commands.get(1))
        .isEqualTo("AUTH PLAIN " + Base64.getEncoder().encodeToString(plain.getBytes()));
    assertThat(smtp.commands.get(2)).isEqualTo("MAIL FROM:<moraine@example.com>");
    assertThat(smtp.commands.get(4)).isEqualTo("RCPT TO:<b@example.com>");

    String msg = smtp.messages.getFirst();
    assertThat(msg).contains("Subject: [FIRING:2] HighLatency \n");
    assertThat(msg).contains("To: a@example.com, b@example.com\n").contains("X-Team: sre\n");
    assertThat(msg).contains("Content-Type: multipart/alternative;  boundary=moraine-");
    assertThat(msg).contains("Content-Type: text/plain; charset=UTF-8");
    assertThat(msg).contains("Content-Type: text/html; charset=UTF-8");
    String marker = "Content-Type: text/plain; charset=UTF-8\n\n";
    int start = msg.indexOf(marker) + marker.length();
    String text = decodeQuotedPrintable(msg.substring(start, msg.indexOf("\n--moraine-", start)));
    assertThat(msg).contains(" - instance =3D a:9100\n");
    assertThat(text).contains(" - instance = a:9100\n").contains(" - summary = p99 > 1s <b>&\n");
    // the annotation's line starting with a dot is stuffed on the wire and arrives intact
    assertThat(smtp.rawDataLines).contains("..starts with a dot");
    assertThat(text).contains(" - description = line one\n.starts with a dot\n");
    assertThat(text).contains("View in Alertmanager: http://moraine:9700/#/alerts?receiver=team-x");
    assertThat(msg).contains("p99 &gt; 1s &lt;b&gt;&amp;");
  }

  /** Decodes quoted-printable (RFC 2045) independently of the code under test. */
  private static String decodeQuotedPrintable(String s) {
    String joined = s.replace("=\n", "");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < joined.length(); i++) {
      char c = joined.charAt(i);
      if (c == '=' && i + 2 < joined.length()) {
        out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void temporaryRefusalIsRetriedPermanentIsNot() {
    smtp.rcptReplies.add("451 try later");
    assertThat(receivers(false).deliver(notification("team-x", FIRING), Long.MAX_VALUE)).isTrue();
    assertThat(env.sleeps).hasSize(1);
    assertThat(smtp.messages).hasSize(1);

    smtp.rcptReplies.add("550 no such user");
    assertThat(receivers(false).deliver(notification("team-x", FIRING), Long.MAX_VALUE)).isFalse();
    assertThat(env.sleeps).hasSize(1);
    assertThat(env.metrics.failed("email", "clientError").get()).isEqualTo(1);
  }

  @Test
  void requireTlsWithoutStartTlsFails() {
    assertThat(receivers(true).deliver(notification("team-x", FIRING), Long.MAX_VALUE)).isFalse();
    assertThat(smtp.messages).isEmpty();
    assertThat(env.metrics.failed("email", "other").get()).isEqualTo(1);
  }
}
