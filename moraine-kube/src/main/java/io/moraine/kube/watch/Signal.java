package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** What an informer told, queued for the dispatch thread. */
sealed interface Signal {
  /** An object was added or updated (the value now). */
  record Upsert(Kind kind, HasMetadata object) implements Signal {}

  /** An object was deleted (its last value). */
  record Delete(Kind kind, HasMetadata object) implements Signal {}

  /** One informer of {@code kind} finished a list (the first, or a relist after a watch gap). */
  record Listed(Kind kind) implements Signal {}

  /** The watcher is closing. */
  record Stop() implements Signal {}
}
