package io.moraine.ingest.scrape;

import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appendable;
import io.moraine.core.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scrape loops of every job: takes the groups each job's discoverers report, turns them
 * into targets (see {@link TargetLabels}), starts a loop for each new target and stops (with
 * staleness markers) the loops of targets that went away, as Prometheus's scrape manager and pools
 * do. Thread-safe.
 */
public final class ScrapeManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScrapeManager.class);

  private final Appendable store;
  private final HttpScraper scraper;
  private final Supplier<ScrapeParser> parsers;
  private final Clock clock;
  private final long seed;
  private final ScheduledExecutorService timer;
  private final ExecutorService scrapes;
  private final Map<String, Pool> pools = new LinkedHashMap<>();
  private final Consumer<ScrapedMetadata> metadataSink;

  /** One job's groups, targets and loops. */
  private static final class Pool {
    ScrapeJob job;
    final Map<String, TargetGroup> groups = new LinkedHashMap<>();
    final Map<Labels, ScrapeLoop> loops = new HashMap<>();
    List<Labels> dropped = List.of();

    Pool(ScrapeJob job) {
      this.job = job;
    }
  }

  /**
   * @param parsers makes each target's own parser (e.g. {@code ExpositionParser::new})
   * @param seed the server's jitter seed ({@link ScrapeSchedule#jitterSeed})
   */
  public ScrapeManager(
      Appendable store,
      HttpScraper scraper,
      Supplier<ScrapeParser> parsers,
      Clock clock,
      long seed) {
    this(store, scraper, parsers, clock, seed, m -> {});
  }

  /**
   * @param metadataSink told each metric family's metadata when a target's exposition of it changes
   *     (from scrape threads; must be thread-safe)
   */
  public ScrapeManager(
      Appendable store,
      HttpScraper scraper,
      Supplier<ScrapeParser> parsers,
      Clock clock,
      long seed,
      Consumer<ScrapedMetadata> metadataSink) {
    this.metadataSink = Objects.requireNonNull(metadataSink, "metadataSink");
    this.store = Objects.requireNonNull(store, "store");
    this.scraper = Objects.requireNonNull(scraper, "scraper");
    this.parsers = Objects.requireNonNull(parsers, "parsers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.seed = seed;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("scrape-timer").factory());
    this.scrapes =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scrape-", 0).factory());
  }

  /**
   * Sets the jobs, as a configuration (re)load does. A job equal to the running one (same {@link
   * ScrapeJob} by {@code equals}: callers pass the same instance for an unchanged job, since the
   * relabel functions compare by identity) keeps its loops untouched. A changed job keeps its
   * discovered groups; its loops restart with the new settings (a target that stays keeps its
   * phase, which depends only on its labels, URL and the seed). The loops of jobs no longer present
   * stop, their series getting staleness markers.
   *
   * @return completes once every loop this call stopped has finished (its staleness markers are
   *     stored): from then on the replaced jobs' HTTP clients are unused and may be closed
   */
  public synchronized CompletableFuture<Void> setJobs(List<ScrapeJob> jobs) {
    Map<String, ScrapeJob> byName = new LinkedHashMap<>();
    jobs.forEach(j -> byName.put(j.name(), j));
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    for (var it = pools.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!byName.containsKey(e.getKey())) {
        e.getValue().loops.values().forEach(l -> stopping.add(l.stop()));
        it.remove();
      }
    }
    for (ScrapeJob j : byName.values()) {
      Pool p = pools.get(j.name());
      if (p == null) {
        pools.put(j.name(), new Pool(j));
      } else if (!p.job.equals(j)) {
        p.job = j;
        p.loops.values().forEach(l -> stopping.add(l.stop()));
        p.loops.clear();
        sync(p);
      }
    }
    return CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new));
  }

  /**
   * Replaces every group of {@code job} with {@code groups} (those with targets), as when the job's
   * discoverers were restarted with a new configuration and the first of them reports: groups of
   * the old discoverers go, targets found again keep their loops.
   */
  public synchronized void replaceGroups(String job, List<TargetGroup> groups) {
    Pool p = pools.get(job);
    if (p == null) {
      return;
    }
    p.groups.clear();
    for (TargetGroup g : groups) {
      if (!g.targets().isEmpty()) {
        p.groups.put(g.source(), g);
      }
    }
    sync(p);
  }

  /** Applies a discoverer's changed groups to {@code job} (see the Discoverer contract). */
  public synchronized void update(String job, List<TargetGroup> changed) {
    Pool p = pools.get(job);
    if (p == null) {
      return;
    }
    for (TargetGroup g : changed) {
      if (g.targets().isEmpty()) {
        p.groups.remove(g.source());
      } else {
        p.groups.put(g.source(), g);
      }
    }
    sync(p);
  }

  /** Starts and stops loops so that they match the pool's groups. */
  private void sync(Pool p) {
    Map<Labels, Target> wanted = new LinkedHashMap<>();
    List<Labels> dropped = new ArrayList<>();
    for (TargetGroup g : p.groups.values()) {
      for (Labels t : g.targets()) {
        Labels.Builder b = g.labels().toBuilder();
        for (int i = 0; i < t.size(); i++) {
          b.add(t.name(i), t.value(i));
        }
        try {
          TargetLabels.Result r =
              TargetLabels.populate(b.build(), p.job.defaults(), p.job.relabel());
          Labels labels = r.labels();
          if (labels == null) {
            dropped.add(r.discovered());
          } else {
            wanted.putIfAbsent(labels, Target.of(labels, r.discovered()));
          }
        } catch (TargetLabels.InvalidTargetException e) {
          LOG.atWarn()
              .addKeyValue("job", p.job.name())
              .addKeyValue("reason", e.getMessage())
              .log("target dropped: invalid labels");
        }
      }
    }
    for (var it = p.loops.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!wanted.containsKey(e.getKey())) {
        CompletableFuture<Void> unused = e.getValue().stop(); // markers stored in the background
        it.remove();
      }
    }
    for (var e : wanted.entrySet()) {
      if (!p.loops.containsKey(e.getKey())) {
        ScrapeLoop loop =
            new ScrapeLoop(
                p.job, e.getValue(), scraper, parsers.get(), store, clock, scrapes, metadataSink);
        p.loops.put(e.getKey(), loop);
        loop.start(timer, seed);
      }
    }
    int limit = p.job.targetLimit();
    String refusal =
        limit > 0 && p.loops.size() > limit
            ? "target_limit exceeded (number of targets: "
                + p.loops.size()
                + ", limit: "
                + limit
                + ")"
            : null;
    p.loops.values().forEach(l -> l.refuse(refusal));
    p.dropped = List.copyOf(dropped);
  }

  /** Every running target's status, by job then URL. */
  public synchronized List<TargetStatus> activeTargets() {
    List<TargetStatus> out = new ArrayList<>();
    for (Pool p : pools.values()) {
      List<TargetStatus> job = new ArrayList<>();
      p.loops.values().forEach(l -> job.add(l.status()));
      job.sort((a, b) -> a.scrapeUrl().compareTo(b.scrapeUrl()));
      out.addAll(job);
    }
    return out;
  }

  /** A running target's labels (as its samples get them) and one metric family it exposes. */
  public record TargetMetadata(Labels target, ScrapedMetadata metadata) {}

  /** The metric metadata of every running target's last successful scrape. */
  public synchronized List<TargetMetadata> targetMetadata() {
    List<TargetMetadata> out = new ArrayList<>();
    for (Pool p : pools.values()) {
      for (ScrapeLoop l : p.loops.values()) {
        for (ScrapedMetadata m : l.metadata()) {
          out.add(new TargetMetadata(l.target().publicLabels(), m));
        }
      }
    }
    return out;
  }

  /** The discovered labels of targets relabeling dropped, by job. */
  public synchronized Map<String, List<Labels>> droppedTargets() {
    Map<String, List<Labels>> out = new LinkedHashMap<>();
    pools.forEach((name, p) -> out.put(name, p.dropped));
    return out;
  }

  /**
   * Stops every loop (their series get staleness markers) and the threads, then closes the scraper
   * (its kept connections).
   */
  @Override
  public void close() {
    synchronized (this) {
      for (Pool p : pools.values()) {
        for (ScrapeLoop l : p.loops.values()) {
          CompletableFuture<Void> unused = l.stop(); // the executor's close waits for it
        }
      }
      pools.clear();
    }
    timer.shutdownNow();
    scrapes.close();
    scraper.close(); // the loops have stopped: their kept connections can go
  }
}
