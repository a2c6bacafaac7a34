package io.moraine.rules.notify.receiver;

import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.rules.template.TemplateException;
import java.util.List;

/**
 * Slack incoming webhooks: one attachment with Alertmanager's default title, fallback and color.
 */
final class SlackIntegration implements Integration {
  /** Slack's limit on an attachment title, in characters. */
  private static final int MAX_TITLE_RUNES = 1024;

  private final SlackConfig config;
  private final HttpPoster poster;

  SlackIntegration(SlackConfig config, HttpPoster poster) {
    this.config = config;
    this.poster = poster;
  }

  @Override
  public String kind() {
    return "slack";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public Outcome attempt(Notification n, List<Alert> alerts, long deadlineMillis)
      throws InterruptedException {
    String body;
    try {
      body = payload(n, alerts);
    } catch (TemplateException e) {
      return Texts.failed(kind(), e);
    }
    return poster.post(config.apiUrl(), config.http(), body, deadlineMillis).outcome();
  }

  String payload(Notification n, List<Alert> alerts) throws TemplateException {
    TemplateView v = TemplateView.of(n, alerts);
    Texts t = new Texts(v);
    String subject = v.subject();
    String title = config.title().isEmpty() ? subject : t.expand("title", config.title());
    title = GoText.truncateRunes(title, MAX_TITLE_RUNES);
    String username = config.username().isEmpty() ? "Alertmanager" : config.username();
    String link = v.alertsUrl();
    GoJson j = new GoJson().open();
    j.fieldOmitEmpty("channel", t.expand("channel", config.channel()));
    j.fieldOmitEmpty("username", t.expand("username", username));
    j.fieldOmitEmpty("icon_emoji", t.expand("icon_emoji", config.iconEmoji()));
    j.name("attachments").openArray().open();
    j.fieldOmitEmpty("title", title).fieldOmitEmpty("title_link", link);
    j.field("text", t.expand("text", config.text()));
    j.field("fallback", subject + " | " + link);
    j.field("callback_id", "").field("footer", "");
    j.field("color", v.status.equals("firing") ? "danger" : "good");
    j.name("mrkdwn_in").openArray().str("fallback").str("pretext").str("text").closeArray();
    return j.close().closeArray().close().finish();
  }
}
