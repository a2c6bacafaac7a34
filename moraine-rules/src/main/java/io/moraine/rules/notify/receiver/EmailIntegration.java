package io.moraine.rules.notify.receiver;

import io.moraine.core.time.Clock;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.rules.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * E-mail over SMTP: EHLO (HELO if refused), STARTTLS when offered (required by {@code
 * require_tls}), AUTH PLAIN or LOGIN when a user is set, then one multipart/alternative message to
 * every recipient. SMTP 4xx replies and network errors are retried; 5xx replies fail for good.
 */
final class EmailIntegration implements Integration {
  private final EmailConfig config;
  private final Clock clock;
  private final @Nullable SSLContext sslContext;
  private final String host;
  private final int port;

  EmailIntegration(EmailConfig config, Clock clock, @Nullable SSLContext sslContext) {
    if (config.to().isEmpty()) {
      throw new IllegalArgumentException("email: missing to address");
    }
    if (config.from().isEmpty()) {
      throw new IllegalArgumentException("email: missing from address");
    }
    this.config = config;
    this.clock = clock;
    this.sslContext = sslContext;
    int colon = config.smarthost().lastIndexOf(':');
    this.host = config.smarthost().substring(0, colon);
    try {
      this.port = Integer.parseInt(config.smarthost().substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "email: smarthost port is not a number: \"" + config.smarthost() + "\"", e);
    }
  }

  @Override
  public String kind() {
    return "email";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  /** Thrown inside a conversation for a reply that ends it. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final Outcome outcome;

    Refused(Outcome outcome) {
      super(outcome.detail(), null, false, false);
      this.outcome = outcome;
    }
  }

  @Override
  public Outcome attempt(Notification n, List<Alert> alerts, long deadlineMillis) {
    long left = Math.min(config.timeout().toMillis(), deadlineMillis - clock.nowMillis());
    if (left <= 0) {
      return Outcome.retry("deadline passed before connecting");
    }
    String message;
    try {
      message = EmailMessage.render(TemplateView.of(n, alerts), config, clock.nowMillis());
    } catch (TemplateException e) {
      return Texts.failed(kind(), e);
    }
    try (SmtpSession s = new SmtpSession(host, port, (int) Math.min(left, Integer.MAX_VALUE))) {
      expect(s.read(), "greeting");
      SmtpSession.Reply ehlo = hello(s);
      if (ehlo.offers("STARTTLS")) {
        expect(s.command("STARTTLS"), "STARTTLS");
        s.startTls(sslContext != null ? sslContext : SSLContext.getDefault());
        ehlo = hello(s);
      } else if (config.requireTls()) {
        return Outcome.fail(
            "other", "require_tls is set but " + config.smarthost() + " does not offer STARTTLS");
      }
      if (!config.authUsername().isEmpty() && ehlo.offers("AUTH")) {
        authenticate(s, ehlo.params("AUTH"));
      }
      expect(s.command("MAIL FROM:<" + config.from() + ">"), "MAIL");
      for (String to : config.to()) {
        expect(s.command("RCPT TO:<" + to + ">"), "RCPT");
      }
      expect(s.command("DATA"), "DATA");
      expect(s.data(message), "message");
      s.command("QUIT");
      return Outcome.OK;
    } catch (Refused r) {
      return r.outcome;
    } catch (IOException e) {
      return Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      return Outcome.fail("other", "no default TLS context: " + e.getMessage());
    }
  }

  private SmtpSession.Reply hello(SmtpSession s) throws IOException, Refused {
    SmtpSession.Reply r = s.command("EHLO " + config.hello());
    if (r.positive()) {
      return r;
    }
    return expect(s.command("HELO " + config.hello()), "HELO");
  }

  private void authenticate(SmtpSession s, String mechanisms) throws IOException, Refused {
    Base64.Encoder b64 = Base64.getEncoder();
    if (mechanisms.contains("PLAIN")) {
      String token = "\0" + config.authUsername() + "\0" + config.authPassword();
      expect(
          s.command("AUTH PLAIN " + b64.encodeToString(token.getBytes(StandardCharsets.UTF_8))),
          "AUTH PLAIN");
    } else if (mechanisms.contains("LOGIN")) {
      expect(s.command("AUTH LOGIN"), "AUTH LOGIN");
      expect(
          s.command(b64.encodeToString(config.authUsername().getBytes(StandardCharsets.UTF_8))),
          "AUTH LOGIN user");
      expect(
          s.command(b64.encodeToString(config.authPassword().getBytes(StandardCharsets.UTF_8))),
          "AUTH LOGIN password");
    } else {
      throw new Refused(Outcome.fail("other", "no supported AUTH mechanism in " + mechanisms));
    }
  }

  private static SmtpSession.Reply expect(SmtpSession.Reply r, String step) throws Refused {
    if (r.positive()) {
      return r;
    }
    String detail = step + " refused: " + r;
    throw new Refused(
        r.code() / 100 == 4
            ? new Outcome(Outcome.Kind.RETRY, "serverError", detail)
            : Outcome.fail("clientError", detail));
  }
}
