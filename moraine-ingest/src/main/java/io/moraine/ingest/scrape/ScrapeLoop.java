package io.moraine.ingest.scrape;

import io.moraine.core.storage.Appendable;
import io.moraine.core.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Scrapes one target every interval at its own phase (see {@link ScrapeSchedule}) and stores what
 * it got through its {@link TargetState}. A tick that finds the previous scrape still running is
 * skipped. Thread-safe: the manager starts and stops it, ticks run on the scrape executor.
 */
final class ScrapeLoop {
  private final ScrapeJob job;
  private final Target target;
  private final HttpScraper scraper;
  private final ScrapeParser parser;
  private final Appendable store;
  private final Clock clock;
  private final Executor scrapes;
  private final TargetState state;

  /** The target's samples, reused scrape after scrape; guarded by {@link #busy}. */
  private final ScrapeBatch batch = new ScrapeBatch();

  private final Consumer<ScrapedMetadata> metadataSink;
  private volatile List<ScrapedMetadata> lastMetadata = List.of();

  /** Held while the target is scraped or marked stale: a target's scrapes never overlap. */
  private final ReentrantLock busy = new ReentrantLock();

  private volatile @Nullable String refusal;
  private volatile @Nullable ScheduledFuture<?> ticks;
  private volatile boolean stopped;
  private volatile TargetStatus status;

  ScrapeLoop(
      ScrapeJob job,
      Target target,
      HttpScraper scraper,
      ScrapeParser parser,
      Appendable store,
      Clock clock,
      Executor scrapes,
      Consumer<ScrapedMetadata> metadataSink) {
    this.metadataSink = metadataSink;
    this.job = job;
    this.target = target;
    this.scraper = scraper;
    this.parser = parser;
    this.store = store;
    this.clock = clock;
    this.scrapes = scrapes;
    this.state = new TargetState(target.publicLabels(), job.options(), job.metricRelabel());
    this.status = status("unknown", null, 0, 0);
  }

  Target target() {
    return target;
  }

  TargetStatus status() {
    return status;
  }

  /** The metric metadata of the target's last successful scrape. */
  List<ScrapedMetadata> metadata() {
    return lastMetadata;
  }

  /**
   * Fails every scrape with {@code reason} instead of scraping (target limit), or scrapes again.
   */
  void refuse(@Nullable String reason) {
    this.refusal = reason;
  }

  void start(ScheduledExecutorService timer, long seed) {
    long interval = TimeUnit.MILLISECONDS.toNanos(target.intervalMillis());
    long delay =
        ScrapeSchedule.firstDelayNanos(
            TimeUnit.MILLISECONDS.toNanos(clock.nowMillis()),
            interval,
            ScrapeSchedule.targetHash(target.publicLabels(), target.url().toString()),
            seed);
    ticks = timer.scheduleAtFixedRate(this::tick, delay, interval, TimeUnit.NANOSECONDS);
  }

  /**
   * Stops scraping; the target's series get staleness markers.
   *
   * @return completes once the scrape in flight (if any) has finished and the markers are stored:
   *     from then on the loop no longer uses its job's HTTP client
   */
  CompletableFuture<Void> stop() {
    stopped = true;
    ScheduledFuture<?> t = ticks;
    if (t != null) {
      t.cancel(false);
    }
    return CompletableFuture.runAsync(
        () -> {
          busy.lock(); // waits (parked, not spinning) for a scrape in flight to store its samples
          try {
            state.markStale(store, clock.nowMillis(), batch);
          } finally {
            busy.unlock();
          }
        },
        scrapes);
  }

  private void tick() {
    if (stopped || busy.isLocked()) {
      return;
    }
    scrapes.execute(
        () -> {
          if (!busy.tryLock()) {
            return;
          }
          try {
            if (!stopped) {
              scrapeOnce();
            }
          } finally {
            busy.unlock();
          }
        });
  }

  /** One scrape, stored with its report. Package-private for tests. */
  void scrapeOnce() {
    long start = clock.nowMillis();
    long t0 = System.nanoTime();
    batch.clear();
    String error = refusal;
    if (error == null) {
      try {
        ScrapeResponse r =
            scraper.scrape(
                job.client(),
                target.url(),
                Duration.ofMillis(target.timeoutMillis()),
                job.headers(),
                job.bodySizeLimitBytes());
        try {
          parser.parse(r, batch);
        } finally {
          scraper.release(r);
        }
        List<ScrapedMetadata> meta = parser.metadata();
        if (!meta.equals(lastMetadata)) {
          meta.forEach(metadataSink);
          lastMetadata = meta;
        }
      } catch (ScrapeException e) {
        batch.clear();
        error = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    TargetState.Report rep = state.store(store, start, batch, seconds, error);
    status = status(rep.error() == null ? "up" : "down", rep.error(), start, seconds);
  }

  private TargetStatus status(String health, @Nullable String error, long at, double seconds) {
    return new TargetStatus(
        job.name(),
        target.discovered(),
        target.publicLabels(),
        target.url().toString(),
        health,
        error,
        at,
        seconds,
        target.intervalMillis(),
        target.timeoutMillis());
  }
}
