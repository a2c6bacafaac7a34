package io.moraine.rules.notify.receiver;

import io.moraine.rules.template.NotificationData;
import io.moraine.rules.template.TemplateException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The e-mail of a notification: Alertmanager's default subject, a text part listing every alert's
 * labels and annotations, and a simple HTML part with the same content.
 */
final class EmailMessage {
  private static final DateTimeFormatter RFC1123Z =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private EmailMessage() {}

  static String render(TemplateView v, EmailConfig config, long nowMillis)
      throws TemplateException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("From", config.from());
    headers.put("To", String.join(", ", config.to()));
    headers.put("Subject", v.subject());
    headers.putAll(new Texts(v).expandValues("headers", config.headers()));
    String boundary =
        "moraine-"
            + PagerDutyIntegration.sha256(v.receiver + nowMillis + v.alerts).substring(0, 24);
    StringBuilder sb = new StringBuilder();
    for (var h : headers.entrySet()) {
      sb.append(h.getKey()).append(": ").append(qEncode(h.getValue())).append("\r\n");
    }
    sb.append("Message-Id: <")
        .append(nowMillis)
        .append('.')
        .append(boundary.substring(8))
        .append('@')
        .append(config.hello())
        .append(">\r\n");
    sb.append("Date: ").append(RFC1123Z.format(Instant.ofEpochMilli(nowMillis))).append("\r\n");
    sb.append("Content-Type: multipart/alternative;  boundary=").append(boundary).append("\r\n");
    sb.append("MIME-Version: 1.0\r\n\r\n");
    part(sb, boundary, "text/plain", text(v));
    part(sb, boundary, "text/html", html(v));
    sb.append("--").append(boundary).append("--\r\n");
    return sb.toString();
  }

  private static void part(StringBuilder sb, String boundary, String type, String body) {
    sb.append("--").append(boundary).append("\r\n");
    sb.append("Content-Transfer-Encoding: quoted-printable\r\n");
    sb.append("Content-Type: ").append(type).append("; charset=UTF-8\r\n\r\n");
    sb.append(quotedPrintable(body)).append("\r\n");
  }

  static String text(TemplateView v) {
    StringBuilder sb = new StringBuilder(v.subject().strip()).append("\n\n");
    if (!v.firing().isEmpty()) {
      sb.append("Alerts Firing:\n").append(TemplateView.textAlertList(v.firing())).append('\n');
    }
    if (!v.resolved().isEmpty()) {
      sb.append("Alerts Resolved:\n").append(TemplateView.textAlertList(v.resolved())).append('\n');
    }
    return sb.append("View in Alertmanager: ").append(v.alertsUrl()).append('\n').toString();
  }

  static String html(TemplateView v) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><body>\n<h2>");
    sb.append(escape(v.subject().strip())).append("</h2>\n");
    for (NotificationData.Alert a : v.alerts) {
      sb.append("<h3>")
          .append(TemplateView.firing(a) ? "Firing" : "Resolved")
          .append("</h3>\n<p>Labels<br>\n");
      for (String k : TemplateView.sortedNames(a.labels())) {
        sb.append(escape(k))
            .append(" = ")
            .append(escape(a.labels().getOrDefault(k, "")))
            .append("<br>\n");
      }
      sb.append("Annotations<br>\n");
      for (String k : TemplateView.sortedNames(a.annotations())) {
        sb.append(escape(k))
            .append(" = ")
            .append(escape(a.annotations().getOrDefault(k, "")))
            .append("<br>\n");
      }
      sb.append("<a href=\"").append(escape(a.generatorUrl())).append("\">Source</a></p>\n");
    }
    sb.append("<p><a href=\"")
        .append(escape(v.alertsUrl()))
        .append("\">View in Alertmanager</a></p>\n");
    return sb.append("</body></html>\n").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;");
  }

  /** RFC 2047 Q-encoding when the value has bytes outside printable ASCII, as Go's mime does. */
  static String qEncode(String s) {
    boolean plain = s.chars().allMatch(c -> c == '\t' || c >= ' ' && c <= '~');
    if (plain) {
      return s;
    }
    StringBuilder sb = new StringBuilder("=?utf-8?q?");
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == ' ') {
        sb.append('_');
      } else if (c > ' ' && c <= '~' && c != '=' && c != '?' && c != '_') {
        sb.append((char) c);
      } else {
        sb.append(String.format(Locale.ROOT, "=%02X", c));
      }
    }
    return sb.append("?=").toString();
  }

  /** Quoted-printable (RFC 2045): lines kept, soft breaks before 76 characters. */
  static String quotedPrintable(String s) {
    StringBuilder out = new StringBuilder(s.length() + 32);
    String[] lines = s.split("\n", -1);
    for (int li = 0; li < lines.length; li++) {
      byte[] bytes = lines[li].getBytes(StandardCharsets.UTF_8);
      int col = 0;
      for (int i = 0; i < bytes.length; i++) {
        int c = bytes[i] & 0xff;
        boolean last = i == bytes.length - 1;
        String enc =
            (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)
                ? String.valueOf((char) c)
                : String.format(Locale.ROOT, "=%02X", c);
        if (col + enc.length() > 75) {
          out.append("=\r\n");
          col = 0;
        }
        out.append(enc);
        col += enc.length();
      }
      if (li < lines.length - 1) {
        out.append("\r\n");
      }
    }
    return out.toString();
  }
}
