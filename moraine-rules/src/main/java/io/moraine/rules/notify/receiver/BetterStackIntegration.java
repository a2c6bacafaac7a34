package io.moraine.rules.notify.receiver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Better Stack Uptime incidents: a firing group opens one incident (remembered by group key); the
 * group's resolution resolves it. Further notifications of an open incident send nothing.
 */
final class BetterStackIntegration implements Integration {
  private static final JsonFactory JSON = new JsonFactory();

  private final BetterStackConfig config;
  private final HttpPoster poster;
  private final IncidentFile incidents;
  private final String id;

  /**
   * @param id this integration's key in the incidents file: receiver name and index
   */
  BetterStackIntegration(
      BetterStackConfig config, HttpPoster poster, IncidentFile incidents, String id) {
    if (config.apiToken().isEmpty()) {
      throw new IllegalArgumentException("betterstack: api_token must not be empty");
    }
    this.config = config;
    this.poster = poster;
    this.incidents = incidents;
    this.id = id;
  }

  @Override
  public String kind() {
    return "betterstack";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public Outcome attempt(Notification n, List<Alert> alerts, long deadlineMillis)
      throws InterruptedException {
    TemplateView v = TemplateView.of(n, alerts);
    String open = incidents.get(id, n.groupKey());
    if (v.status.equals("firing")) {
      return open != null ? Outcome.OK : create(n, v, deadlineMillis);
    }
    return open == null ? Outcome.OK : resolve(n, open, deadlineMillis);
  }

  private Outcome create(Notification n, TemplateView v, long deadlineMillis)
      throws InterruptedException {
    HttpPoster.Answer a = poster.post(config.url(), http(), createBody(v), deadlineMillis);
    if (a.outcome().kind() != Outcome.Kind.OK) {
      return a.outcome();
    }
    String incident = incidentId(a.body());
    if (incident == null) {
      return Outcome.fail("other", "no data.id in Better Stack's answer: " + a.body());
    }
    incidents.put(id, n.groupKey(), incident);
    return Outcome.OK;
  }

  private Outcome resolve(Notification n, String incident, long deadlineMillis)
      throws InterruptedException {
    String base = config.url().toString();
    URI u = URI.create((base.endsWith("/") ? base : base + "/") + incident + "/resolve");
    String by = config.requesterEmail().isEmpty() ? "Moraine" : config.requesterEmail();
    String body = new GoJson().open().field("resolved_by", by).close().finish();
    HttpPoster.Answer a = poster.post(u, http(), body, deadlineMillis);
    if (a.outcome().kind() == Outcome.Kind.OK || a.status() == 404) {
      incidents.remove(id, n.groupKey());
      return Outcome.OK;
    }
    return a.outcome();
  }

  String createBody(TemplateView v) {
    String subject = v.subject().strip();
    GoJson j = new GoJson().open();
    j.fieldOmitEmpty("requester_email", config.requesterEmail());
    j.field("name", subject).field("summary", subject);
    j.field("description", TemplateView.textAlertList(v.firing()));
    j.field("call", config.call()).field("sms", config.sms());
    j.field("email", config.email()).field("push", config.push());
    j.fieldOmitEmpty("team_name", config.teamName());
    return j.close().finish();
  }

  private HttpSettings http() {
    HttpSettings h = config.http();
    return new HttpSettings("", "", config.apiToken(), h.timeout());
  }

  /** {@code data.id} of an incident answer (a string or a number), or null. */
  static @Nullable String incidentId(String body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if ("data".equals(name) && t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken vt = p.nextToken();
            if ("id".equals(field) && vt.isScalarValue() && vt != JsonToken.VALUE_NULL) {
              return p.getText();
            }
            p.skipChildren();
          }
          return null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
