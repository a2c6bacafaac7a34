package io.moraine.server.config;

import io.moraine.rules.notify.receiver.BetterStackConfig;
import io.moraine.rules.notify.receiver.EmailConfig;
import io.moraine.rules.notify.receiver.HttpSettings;
import io.moraine.rules.notify.receiver.PagerDutyConfig;
import io.moraine.rules.notify.receiver.ReceiverConfig;
import io.moraine.rules.notify.receiver.SlackConfig;
import io.moraine.rules.notify.receiver.WebhookConfig;
import io.moraine.rules.template.GoTemplates;
import io.moraine.rules.template.TemplateException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code notify.receivers} as alertmanager.yml's {@code receivers} ({@code webhook_configs},
 * {@code pagerduty_configs}, {@code slack_configs}, {@code email_configs}) plus Moraine's {@code
 * betterstack_configs}; unset fields take {@code notify.global}'s values ({@code smtp_*}, {@code
 * slack_api_url}, {@code pagerduty_url}) and then Alertmanager's defaults.
 */
final class ReceiverBinder {
  private ReceiverBinder() {}

  static List<ReceiverConfig> bind(Section notify, Section global) {
    Globals g = Globals.read(global);
    List<ReceiverConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Section r : notify.sections("receivers")) {
      String name = required(r, "name", "", "missing name in receiver");
      if (!names.add(name)) {
        throw r.error("name", "notification config name \"" + name + "\" is not unique");
      }
      List<WebhookConfig> webhooks = each(r, "webhook_configs", ReceiverBinder::webhook);
      List<PagerDutyConfig> pd = each(r, "pagerduty_configs", s -> pagerDuty(s, g));
      List<SlackConfig> slack = each(r, "slack_configs", s -> slack(s, g));
      List<EmailConfig> email = each(r, "email_configs", s -> email(s, g));
      List<BetterStackConfig> bs = each(r, "betterstack_configs", ReceiverBinder::betterStack);
      r.rejectUnknown();
      out.add(new ReceiverConfig(name, webhooks, pd, slack, email, bs));
    }
    return out;
  }

  private record Globals(
      String smtpFrom,
      String smtpSmarthost,
      String smtpHello,
      String smtpUser,
      String smtpPassword,
      boolean smtpRequireTls,
      String slackApiUrl,
      String pagerDutyUrl) {
    static Globals read(Section g) {
      return new Globals(
          g.rawString("smtp_from", ""),
          g.rawString("smtp_smarthost", ""),
          g.rawString("smtp_hello", "localhost"),
          g.rawString("smtp_auth_username", ""),
          g.rawString("smtp_auth_password", ""),
          g.bool("smtp_require_tls", true),
          g.rawString("slack_api_url", ""),
          g.rawString("pagerduty_url", PagerDutyConfig.DEFAULT.url().toString()));
    }
  }

  private static WebhookConfig webhook(Section s) {
    URI url = url(s, "url", "", "one of url or url_file must be configured");
    int max = (int) s.nonNegativeLong("max_alerts", 0);
    WebhookConfig c = new WebhookConfig(s.bool("send_resolved", true), http(s), url, max);
    s.rejectUnknown();
    return c;
  }

  private static PagerDutyConfig pagerDuty(Section s, Globals g) {
    String key = required(s, "routing_key", "", "missing routing_key in PagerDuty config");
    PagerDutyConfig d = PagerDutyConfig.DEFAULT;
    PagerDutyConfig c =
        new PagerDutyConfig(
            s.bool("send_resolved", true),
            http(s),
            key,
            url(s, "url", g.pagerDutyUrl(), ""),
            plain(s, "severity", d.severity()),
            plain(s, "class", d.eventClass()),
            plain(s, "component", d.component()),
            plain(s, "group", d.group()),
            plain(s, "source", d.source()),
            plain(s, "client", d.client()),
            plain(s, "client_url", d.clientUrl()),
            plainValues(s, "details", map(s.section("details"))),
            plain(s, "description", d.description()));
    s.rejectUnknown();
    return c;
  }

  private static SlackConfig slack(Section s, Globals g) {
    SlackConfig d = SlackConfig.DEFAULT;
    SlackConfig c =
        new SlackConfig(
            s.bool("send_resolved", false),
            http(s),
            url(s, "api_url", g.slackApiUrl(), "no global Slack API URL set"),
            plain(s, "channel", d.channel()),
            plain(s, "username", d.username()),
            plain(s, "icon_emoji", d.iconEmoji()),
            plain(s, "title", d.title()),
            plain(s, "text", d.text()));
    s.rejectUnknown();
    return c;
  }

  private static EmailConfig email(Section s, Globals g) {
    List<String> to = s.has("to") ? List.of(s.rawString("to", "").split("\\s*,\\s*")) : List.of();
    if (to.isEmpty() || to.getFirst().isEmpty()) {
      throw s.error("to", "missing to address in email config");
    }
    String from = required(s, "from", g.smtpFrom(), "no global SMTP from set");
    String smarthost = required(s, "smarthost", g.smtpSmarthost(), "no global SMTP smarthost set");
    Map<String, String> headers = plainValues(s, "headers", map(s.section("headers")));
    EmailConfig c;
    try {
      c =
          new EmailConfig(
              s.bool("send_resolved", false),
              to,
              from,
              smarthost,
              s.rawString("hello", g.smtpHello()),
              s.rawString("auth_username", g.smtpUser()),
              s.rawString("auth_password", g.smtpPassword()),
              s.bool("require_tls", g.smtpRequireTls()),
              headers,
              EmailConfig.DEFAULT.timeout());
    } catch (IllegalArgumentException e) {
      throw s.error("smarthost", String.valueOf(e.getMessage()));
    }
    s.rejectUnknown();
    return c;
  }

  private static BetterStackConfig betterStack(Section s) {
    String token = required(s, "api_token", "", "missing api_token in Better Stack config");
    BetterStackConfig d = BetterStackConfig.DEFAULT;
    BetterStackConfig c =
        new BetterStackConfig(
            s.bool("send_resolved", true),
            http(s),
            token,
            url(s, "url", d.url().toString(), ""),
            s.rawString("requester_email", ""),
            s.rawString("team_name", ""),
            s.bool("call", d.call()),
            s.bool("sms", d.sms()),
            s.bool("email", d.email()),
            s.bool("push", d.push()));
    s.rejectUnknown();
    return c;
  }

  /** {@code http_config}: basic_auth, authorization (Bearer), bearer_token, timeout. */
  private static HttpSettings http(Section s) {
    Section h = s.section("http_config");
    Section basic = h.section("basic_auth");
    Section auth = h.section("authorization");
    String bearer = auth.rawString("credentials", h.rawString("bearer_token", ""));
    String type = auth.rawString("type", "Bearer");
    if (!type.equalsIgnoreCase("Bearer")) {
      throw auth.error("type", "only the Bearer authorization type is supported");
    }
    String user = basic.rawString("username", "");
    String password = basic.rawString("password", "");
    Duration timeout = Duration.ofMillis(h.duration("timeout", 30_000));
    basic.rejectUnknown();
    auth.rejectUnknown();
    h.ignore("follow_redirects", "enable_http2", "tls_config", "proxy_url");
    h.rejectUnknown();
    try {
      return new HttpSettings(user, password, bearer, timeout);
    } catch (IllegalArgumentException e) {
      throw s.error("http_config", String.valueOf(e.getMessage()));
    }
  }

  /** The receiver configs under {@code key}, each read by {@code read}. */
  private static <T> List<T> each(Section r, String key, Function<Section, T> read) {
    List<T> out = new ArrayList<>();
    for (Section s : r.sections(key)) {
      out.add(read.apply(s));
    }
    return out;
  }

  /** {@code key}'s value, else {@code fallback}; empty fails with {@code missing}. */
  private static String required(Section s, String key, String fallback, String missing) {
    String text = s.rawString(key, fallback);
    if (text.isEmpty()) {
      throw s.error(key, missing);
    }
    return text;
  }

  private static URI url(Section s, String key, String fallback, String missing) {
    String text = required(s, key, fallback, missing.isEmpty() ? "missing " + key : missing);
    try {
      URI u = new URI(text);
      if (u.getScheme() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw s.error(key, "unsupported scheme \"" + u.getScheme() + "\" for URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw s.error(key, "invalid URL \"" + text + "\": " + e.getReason());
    }
  }

  /**
   * A notification text field: text containing {@code {{} is an Alertmanager notification template
   * (expanded for each notification); it must parse, or the error names the field and the
   * template's line (an empty field gives Alertmanager's default text).
   */
  private static String plain(Section s, String key, String defaultValue) {
    String v = s.rawString(key, defaultValue);
    checkTemplate(s, key, key, v);
    return v;
  }

  private static Map<String, String> plainValues(Section s, String key, Map<String, String> m) {
    for (Map.Entry<String, String> e : m.entrySet()) {
      checkTemplate(s, key, key + "." + e.getKey(), e.getValue());
    }
    return m;
  }

  private static void checkTemplate(Section s, String key, String field, String text) {
    if (!text.contains("{{")) {
      return;
    }
    try {
      GoTemplates.checkNotification(field, text);
    } catch (TemplateException e) {
      throw s.error(key, "invalid template in " + field + ": " + e.getMessage());
    }
  }

  private static Map<String, String> map(Section m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (YamlNode.Entry e : m.entries()) {
      if (!(e.value() instanceof YamlNode.Scalar sc)) {
        throw new YamlError(e.value().mark(), "expected a string for \"" + e.key() + "\"");
      }
      out.put(e.key(), sc.isNull() ? "" : sc.text());
    }
    return out;
  }
}
