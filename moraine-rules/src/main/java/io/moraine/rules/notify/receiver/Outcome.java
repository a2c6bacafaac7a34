package io.moraine.rules.notify.receiver;

/**
 * The result of one attempt to deliver.
 *
 * @param kind delivered, worth retrying, or failed for good
 * @param reason the failure's metric reason ({@code clientError}, {@code serverError}, {@code
 *     other}); empty when delivered
 * @param detail what went wrong, for the log
 */
record Outcome(Kind kind, String reason, String detail) {
  enum Kind {
    OK,
    RETRY,
    FAIL
  }

  static final Outcome OK = new Outcome(Kind.OK, "", "");

  /** Alertmanager's rule: 2xx delivered, 5xx and 429 retried, anything else failed. */
  static Outcome ofStatus(int status, String body) {
    if (status / 100 == 2) {
      return OK;
    }
    String detail =
        "unexpected status code " + status + (body.isBlank() ? "" : ": " + body.strip());
    if (status / 100 == 5 || status == 429) {
      return new Outcome(Kind.RETRY, "serverError", detail);
    }
    return new Outcome(Kind.FAIL, status / 100 == 4 ? "clientError" : "other", detail);
  }

  static Outcome retry(String detail) {
    return new Outcome(Kind.RETRY, "other", detail);
  }

  static Outcome fail(String reason, String detail) {
    return new Outcome(Kind.FAIL, reason, detail);
  }
}
