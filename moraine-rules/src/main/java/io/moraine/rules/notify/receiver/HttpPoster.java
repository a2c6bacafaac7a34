package io.moraine.rules.notify.receiver;

import io.moraine.core.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs JSON for the HTTP integrations, within a deadline. Thread-safe. */
final class HttpPoster {
  /** The answer: status and body (empty when the request did not complete). */
  record Answer(Outcome outcome, int status, String body) {}

  private final HttpClient client;
  private final Clock clock;

  HttpPoster(HttpClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** POSTs {@code json}; network errors and timeouts are retryable outcomes. */
  Answer post(URI url, HttpSettings http, String json, long deadlineMillis)
      throws InterruptedException {
    long leftMillis = deadlineMillis - clock.nowMillis();
    if (leftMillis <= 0) {
      return new Answer(Outcome.retry("deadline passed before the request"), 0, "");
    }
    Duration timeout =
        http.timeout().compareTo(Duration.ofMillis(leftMillis)) < 0
            ? http.timeout()
            : Duration.ofMillis(leftMillis);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Moraine")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    String auth = http.authorization();
    if (!auth.isEmpty()) {
      b.header("Authorization", auth);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String body = r.body() == null ? "" : r.body();
      return new Answer(Outcome.ofStatus(r.statusCode(), abbreviate(body)), r.statusCode(), body);
    } catch (IOException e) {
      return new Answer(Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage()), 0, "");
    } catch (IllegalArgumentException e) {
      return new Answer(Outcome.fail("other", "bad request: " + e.getMessage()), 0, "");
    }
  }

  private static String abbreviate(String body) {
    return body.length() <= 512 ? body : body.substring(0, 512) + "…";
  }
}
