package io.moraine.logs.push;

import org.jspecify.annotations.Nullable;

/**
 * What became of a push: entries stored and entries refused, with the refusals' messages grouped as
 * Loki's distributor answers them in its 400 body ({@code N errors like: ...; ...}).
 *
 * @param accepted entries the store accepted (duplicates it dropped are not counted)
 * @param rejected entries refused by validation or by the store
 * @param errors the grouped messages; {@code null} when nothing was refused
 */
public record PushOutcome(int accepted, int rejected, @Nullable String errors) {
  /** True when nothing was refused (answered 204). */
  public boolean ok() {
    return errors == null;
  }
}
