package io.moraine.rules.notify.receiver;

import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
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
    return poster
        .post(config.apiUrl(), config.http(), payload(n, alerts), deadlineMillis)
        .outcome();
  }

  String payload(Notification n, List<Alert> alerts) {
    TemplateView v = TemplateView.of(n, alerts);
    String subject = v.subject();
    String title =
        GoText.truncateRunes(config.title().isEmpty() ? subject : config.title(), MAX_TITLE_RUNES);
    String link = v.alertsUrl();
    GoJson j = new GoJson().open();
    j.fieldOmitEmpty("channel", config.channel());
    j.fieldOmitEmpty("username", config.username().isEmpty() ? "Alertmanager" : config.username());
    j.fieldOmitEmpty("icon_emoji", config.iconEmoji());
    j.name("attachments").openArray().open();
    j.fieldOmitEmpty("title", title).fieldOmitEmpty("title_link", link);
    j.field("text", config.text());
    j.field("fallback", subject + " | " + link);
    j.field("callback_id", "").field("footer", "");
    j.field("color", v.status.equals("firing") ? "danger" : "good");
    j.name("mrkdwn_in").openArray().str("fallback").str("pretext").str("text").closeArray();
    return j.close().closeArray().close().finish();
  }
}
