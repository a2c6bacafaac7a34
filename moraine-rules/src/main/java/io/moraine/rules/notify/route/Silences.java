package io.moraine.rules.notify.route;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The silences of the built-in router, with Alertmanager 0.25's rules for creating, updating and
 * expiring them. Every change is written to the {@code silences} file before the call returns
 * (docs/format/notify-state.md). Thread-safe.
 */
public final class Silences {
  /** How long expired silences are kept (Alertmanager's {@code --data.retention}). */
  public static final Duration RETENTION = Duration.ofHours(120);

  static final int MAGIC = 0x4D53494C;
  private static final Matcher.Type[] TYPES = Matcher.Type.values();

  private final Path file;
  private final Clock clock;
  private final Map<String, Silence> byId = new LinkedHashMap<>();

  private Silences(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /**
   * Loads the silences kept in {@code file} (none when it does not exist).
   *
   * @throws CorruptionException when the file fails a check
   */
  public static Silences open(Path file, Clock clock) throws IOException {
    Silences s = new Silences(file, clock);
    for (Silence sil : StateFile.read(file, MAGIC, "silences", Silences::decode)) {
      s.byId.put(sil.id(), sil);
    }
    return s;
  }

  /**
   * Creates or updates a silence, as {@code POST /api/v2/silences}. A silence with an empty id is
   * new. One with an id is updated in place when only its comment, creator or (keeping it valid)
   * its times change; otherwise the old one is expired and a new one created.
   *
   * @return the id of the stored silence
   * @throws InvalidSilenceException with Alertmanager's message
   * @throws SilenceNotFoundException when the id is unknown
   */
  public synchronized String set(Silence s) throws IOException {
    long now = clock.nowMillis();
    if (s.startsAtMillis() >= s.endsAtMillis()) {
      throw new InvalidSilenceException(
          "Failed to create silence: start time must be before end time");
    }
    if (s.endsAtMillis() < now) {
      throw new InvalidSilenceException("Failed to create silence: end time can't be in the past");
    }
    validate(s);
    Silence prev = s.id().isEmpty() ? null : byId.get(s.id());
    if (!s.id().isEmpty() && prev == null) {
      throw new SilenceNotFoundException(s.id());
    }
    if (prev != null) {
      if (canUpdate(prev, s, now)) {
        byId.put(s.id(), s.with(s.id(), s.startsAtMillis(), s.endsAtMillis(), now));
        persist();
        return s.id();
      }
      if (prev.stateAt(now) != SilenceState.EXPIRED) {
        byId.put(prev.id(), expired(prev, now));
      }
    }
    String id = UUID.randomUUID().toString();
    byId.put(id, s.with(id, Math.max(s.startsAtMillis(), now), s.endsAtMillis(), now));
    persist();
    return id;
  }

  /**
   * Expires a silence now, as {@code DELETE /api/v2/silence/{id}}.
   *
   * @throws SilenceNotFoundException when the id is unknown
   * @throws InvalidSilenceException when it has already expired
   */
  public synchronized void expire(String id) throws IOException {
    Silence s = byId.get(id);
    if (s == null) {
      throw new SilenceNotFoundException(id);
    }
    long now = clock.nowMillis();
    if (s.stateAt(now) == SilenceState.EXPIRED) {
      throw new InvalidSilenceException("silence " + id + " already expired");
    }
    byId.put(id, expired(s, now));
    persist();
  }

  /** The silence with that id, expired ones included until they are dropped. */
  public synchronized Optional<Silence> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The silences whose matchers pass {@code filter} as Alertmanager's {@code GET
   * /api/v2/silences?filter=...}: each filter matcher is tried against the value of the silence's
   * matcher of that name. Sorted as Alertmanager: active by end time, then pending by start time,
   * then expired by end time, latest first.
   */
  public synchronized List<Silence> list(List<Matcher> filter) {
    long now = clock.nowMillis();
    List<Silence> out = new ArrayList<>();
    for (Silence s : byId.values()) {
      if (passes(filter, s)) {
        out.add(s);
      }
    }
    out.sort(order(now));
    return out;
  }

  /** The ids of the active silences that mute {@code labels}, sorted. */
  public synchronized List<String> mutedBy(Labels labels) {
    long now = clock.nowMillis();
    List<String> ids = new ArrayList<>();
    for (Silence s : byId.values()) {
      if (s.stateAt(now) == SilenceState.ACTIVE && s.matches(labels)) {
        ids.add(s.id());
      }
    }
    ids.sort(null);
    return ids;
  }

  /** How many silences are in each state now. */
  public synchronized Map<SilenceState, Integer> countByState() {
    long now = clock.nowMillis();
    Map<SilenceState, Integer> counts = new EnumMap<>(SilenceState.class);
    for (SilenceState st : SilenceState.values()) {
      counts.put(st, 0);
    }
    for (Silence s : byId.values()) {
      counts.merge(s.stateAt(now), 1, Integer::sum);
    }
    return counts;
  }

  /** Drops silences that expired more than {@link #RETENTION} ago; returns how many. */
  public synchronized int collectGarbage() throws IOException {
    long cutoff = clock.nowMillis() - RETENTION.toMillis();
    int before = byId.size();
    byId.values().removeIf(s -> s.endsAtMillis() < cutoff);
    int dropped = before - byId.size();
    if (dropped > 0) {
      persist();
    }
    return dropped;
  }

  private static Silence expired(Silence s, long now) {
    return s.stateAt(now) == SilenceState.PENDING
        ? s.with(s.id(), now, now, now)
        : s.with(s.id(), s.startsAtMillis(), now, now);
  }

  private static boolean canUpdate(Silence prev, Silence next, long now) {
    if (!prev.matchers().equals(next.matchers())) {
      return false;
    }
    return switch (prev.stateAt(now)) {
      case ACTIVE -> next.startsAtMillis() == prev.startsAtMillis() && next.endsAtMillis() >= now;
      case PENDING -> next.startsAtMillis() >= now;
      case EXPIRED -> false;
    };
  }

  private static void validate(Silence s) {
    if (s.matchers().isEmpty()) {
      throw new InvalidSilenceException("silence invalid: at least one matcher required");
    }
    boolean allMatchEmpty = true;
    for (int i = 0; i < s.matchers().size(); i++) {
      Matcher m = s.matchers().get(i);
      String why = null;
      if (!LabelValidation.isValidLabelName(m.name())) {
        why = "invalid label name \"" + m.name() + "\"";
      } else if (!LabelValidation.isValidUtf16(m.value())) {
        why = "invalid label value \"" + m.value() + "\"";
      }
      if (why != null) {
        throw new InvalidSilenceException(
            "silence invalid: invalid label matcher " + i + ": " + why);
      }
      allMatchEmpty &= m.matchesEmpty();
    }
    if (allMatchEmpty) {
      throw new InvalidSilenceException(
          "silence invalid: at least one matcher must not match the empty string");
    }
  }

  /** Alertmanager's filter: a matcher with an empty value passes when the name is absent. */
  private static boolean passes(List<Matcher> filter, Silence s) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Matcher m : s.matchers()) {
      values.put(m.name(), m.value());
    }
    for (Matcher f : filter) {
      String v = values.get(f.name());
      boolean negative = f.type() == Matcher.Type.NEQ || f.type() == Matcher.Type.NRE;
      if (f.value().isEmpty() && (negative == (v != null))) {
        continue;
      }
      if (!f.matches(v == null ? "" : v)) {
        return false;
      }
    }
    return true;
  }

  private static Comparator<Silence> order(long now) {
    return (a, b) -> {
      SilenceState sa = a.stateAt(now);
      SilenceState sb = b.stateAt(now);
      if (sa != sb) {
        return Integer.compare(rank(sa), rank(sb));
      }
      return switch (sa) {
        case ACTIVE -> Long.compare(a.endsAtMillis(), b.endsAtMillis());
        case PENDING -> Long.compare(a.startsAtMillis(), b.startsAtMillis());
        case EXPIRED -> Long.compare(b.endsAtMillis(), a.endsAtMillis());
      };
    };
  }

  private static int rank(SilenceState s) {
    return switch (s) {
      case ACTIVE -> 0;
      case PENDING -> 1;
      case EXPIRED -> 2;
    };
  }

  private void persist() throws IOException {
    StateFile.write(file, MAGIC, List.copyOf(byId.values()), Silences::encode);
  }

  private static void encode(BinaryWriter out, Silence s) {
    out.str(s.id()).uvarint(s.matchers().size());
    for (Matcher m : s.matchers()) {
      out.u8(m.type().ordinal()).str(m.name()).str(m.value());
    }
    out.u64(s.startsAtMillis()).u64(s.endsAtMillis()).u64(s.updatedAtMillis());
    out.str(s.createdBy()).str(s.comment());
  }

  private static Silence decode(ByteBuffer buf) {
    String id = BinaryReader.str(buf);
    List<Matcher> ms = new ArrayList<>();
    for (int n = BinaryReader.count(buf); n > 0; n--) {
      int t = buf.get() & 0xFF;
      if (t >= TYPES.length) {
        throw new IllegalArgumentException("unknown matcher type " + t);
      }
      ms.add(Matcher.of(TYPES[t], BinaryReader.str(buf), BinaryReader.str(buf)));
    }
    long starts = buf.getLong();
    long ends = buf.getLong();
    long updated = buf.getLong();
    return new Silence(id, ms, starts, ends, updated, BinaryReader.str(buf), BinaryReader.str(buf));
  }
}
