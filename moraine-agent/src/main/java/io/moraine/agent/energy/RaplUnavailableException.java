package io.moraine.agent.energy;

/** RAPL energy cannot be used on this host; the message says why (no zones, permission). */
final class RaplUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  RaplUnavailableException(String reason) {
    super(reason);
  }
}
