package io.moraine.server.cli;

import io.moraine.core.time.Clock;
import io.moraine.server.backfill.ImportException;
import io.moraine.server.backfill.ImportResult;
import io.moraine.server.backfill.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code moraine import openmetrics FILE --data DIR}: writes the samples of an OpenMetrics file
 * into blocks. Shows a progress bar on stderr when stderr is a terminal, prints a one-line summary
 * on stdout. A bad input line prints {@code moraine: FILE:LINE: REASON} and exits 2.
 */
@Command(
    name = "openmetrics",
    description = "Import an OpenMetrics text file into blocks in the data directory.",
    mixinStandardHelpOptions = true)
final class OpenMetricsCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The OpenMetrics file (# EOF ends it).")
  private Path file = Path.of("");

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory. Default: ${DEFAULT-VALUE}.")
  private Path data = Path.of("data");

  private final Engines engines;
  private final PrintWriter out;
  private final PrintWriter err;
  private final BooleanSupplier interactive;
  private final Clock clock;

  OpenMetricsCommand(
      Engines engines, PrintWriter out, PrintWriter err, BooleanSupplier interactive, Clock clock) {
    this.engines = engines;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      err.println("moraine: " + file + ": no such file");
      return Main.EXIT_USAGE;
    }
    @Nullable ProgressBar bar = interactive.getAsBoolean() ? new ProgressBar(err, clock) : null;
    ProgressListener listener = bar == null ? ProgressListener.NONE : bar;
    long start = clock.nanoTime();
    ImportResult r;
    try {
      r = engines.importer().run(file, data, listener);
    } catch (ImportException e) {
      clear(bar);
      err.println("moraine: " + file + ":" + e.line() + ": " + e.reason());
      return Main.EXIT_USAGE;
    } catch (IOException e) {
      clear(bar);
      err.println("moraine: import of " + file + " failed: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    clear(bar);
    out.println(summary(r, clock.nanoTime() - start));
    out.flush();
    return 0;
  }

  private static void clear(@Nullable ProgressBar bar) {
    if (bar != null) {
      bar.clear();
    }
  }

  static String summary(ImportResult r, long elapsedNanos) {
    String range =
        r.samples() == 0
            ? ""
            : " from "
                + Instant.ofEpochMilli(r.minTimeMillis())
                + " to "
                + Instant.ofEpochMilli(r.maxTimeMillis());
    return String.format(
        Locale.ROOT,
        "imported %d samples of %d series into %d block%s%s in %.3fs",
        r.samples(),
        r.series(),
        r.blocks(),
        r.blocks() == 1 ? "" : "s",
        range,
        elapsedNanos / 1e9);
  }
}
