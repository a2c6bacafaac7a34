package io.moraine.bench.logs;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.logs.forward.ForwardEntry;
import io.moraine.logs.forward.PendingBatch;
import io.moraine.logs.forward.PushRequestEncoder;
import io.moraine.logs.logql.parser.LogqlParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Pushes a generated corpus to {@code /loki/api/v1/push} as Promtail does: batches of about {@code
 * batchBytes} of line data holding every stream's entries of that stretch of time, protobuf and
 * snappy, over {@code connections} concurrent HTTP/1.1 connections. The batches are encoded first
 * into {@code push.bin} beside the corpus (so the push measures the server, not the encoder), then
 * sent in corpus order; moraine-logs' forwarder encodes them, each stream's entries together in
 * corpus order. Any answer other than 204 stops the run with an {@link IllegalStateException}
 * naming the status and body.
 *
 * <p>{@code java -cp moraine-bench/target/benchmarks.jar io.moraine.bench.logs.LogPushLoad URL DIR
 * [--connections 2] [--batch-bytes 1048576] [--tenant NAME]}; prints one JSON line.
 */
public final class LogPushLoad {
  /**
   * How to push.
   *
   * @param tenant the {@code X-Scope-OrgID} to send, or null for none
   */
  public record Options(URI url, int connections, int batchBytes, @Nullable String tenant) {
    public Options {
      if (connections < 1 || batchBytes < 1) {
        throw new IllegalArgumentException("connections and batchBytes must be positive");
      }
    }
  }

  /** What a push achieved; {@code lineBytes} counts line bytes only, as the push carries them. */
  public record Result(
      long entries,
      long lineBytes,
      long batches,
      long bodyBytes,
      double encodeSeconds,
      double pushSeconds) {
    public double megabytesPerSecond() {
      return lineBytes / 1e6 / pushSeconds;
    }

    public double entriesPerSecond() {
      return entries / pushSeconds;
    }

    public String toJson() {
      return String.format(
          Locale.ROOT,
          "{\"entries\":%d,\"line_bytes\":%d,\"batches\":%d,\"body_bytes\":%d,"
              + "\"encode_s\":%.3f,\"push_s\":%.3f,\"mb_per_s\":%.2f,\"entries_per_s\":%.0f}",
          entries,
          lineBytes,
          batches,
          bodyBytes,
          encodeSeconds,
          pushSeconds,
          megabytesPerSecond(),
          entriesPerSecond());
    }
  }

  private record Body(byte[] bytes, int entries, int lineBytes) {}

  private static final Body END = new Body(new byte[0], 0, 0);

  private LogPushLoad() {}

  /** Encodes the corpus in {@code dir} into batches and pushes them; see the class comment. */
  public static Result push(Options options, Path dir) throws IOException, InterruptedException {
    CorpusFiles files = new CorpusFiles(dir);
    Path bodies = dir.resolve("push-" + options.batchBytes() + ".bin");
    long t0 = System.nanoTime();
    encode(files, bodies, options.batchBytes());
    double encodeSeconds = (System.nanoTime() - t0) / 1e9;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    BlockingQueue<Body> queue = new ArrayBlockingQueue<>(options.connections() * 4);
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    long[] totals = new long[4];
    List<Thread> senders = new ArrayList<>();
    long t1 = System.nanoTime();
    for (int i = 0; i < options.connections(); i++) {
      senders.add(
          Thread.ofPlatform().name("push-" + i).start(() -> send(client, options, queue, failure)));
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(bodies), 1 << 20))) {
      while (failure.get() == null) {
        Body b = readBody(in);
        if (b == null) {
          break;
        }
        totals[0] += b.entries();
        totals[1] += b.lineBytes();
        totals[2]++;
        totals[3] += b.bytes().length;
        while (failure.get() == null
            && !queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          // a sender failed or the server is slow: check again
        }
      }
    } finally {
      for (int i = 0; i < senders.size(); i++) {
        // bodies still queued are sent before END; only after a failure (senders stopping) may
        // queued bodies be dropped to make room
        while (!queue.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          if (failure.get() != null) {
            queue.poll();
          }
        }
      }
      for (Thread t : senders) {
        t.join();
      }
    }
    Throwable f = failure.get();
    if (f != null) {
      throw new IllegalStateException("push failed: " + f.getMessage(), f);
    }
    double pushSeconds = (System.nanoTime() - t1) / 1e9;
    return new Result(totals[0], totals[1], totals[2], totals[3], encodeSeconds, pushSeconds);
  }

  private static void send(
      HttpClient client,
      Options o,
      BlockingQueue<Body> queue,
      AtomicReference<@Nullable Throwable> failure) {
    try {
      while (true) {
        Body b = queue.take();
        if (b == END || failure.get() != null) {
          return;
        }
        HttpRequest.Builder r =
            HttpRequest.newBuilder(o.url())
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-protobuf")
                .header("User-Agent", "moraine-bench-logpush/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.bytes()));
        String tenant = o.tenant();
        if (tenant != null) {
          r.header("X-Scope-OrgID", tenant);
        }
        HttpResponse<String> resp = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 204) {
          failure.compareAndSet(
              null,
              new IOException(
                  "HTTP " + resp.statusCode() + " from " + o.url() + ": " + resp.body().strip()));
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    }
  }

  /** Writes {@code push.bin}: per batch, body length, entries, line bytes (int32 each), body. */
  static void encode(CorpusFiles files, Path bodies, int batchBytes) throws IOException {
    List<String> streams = Files.readAllLines(files.streams(), StandardCharsets.UTF_8);
    Labels[] labels = new Labels[streams.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = parseLabels(streams.get(i));
    }
    PushRequestEncoder encoder = new PushRequestEncoder();
    PendingBatch batch = new PendingBatch("", 0);
    try (EntryReader in = new EntryReader(files.entries());
        DataOutputStream out =
            new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(bodies), 1 << 20))) {
      while (in.next()) {
        if (in.stream < 0 || in.stream >= labels.length) {
          throw new IOException(
              files.entries() + ": stream index " + in.stream + " not in streams.txt");
        }
        if (batch.entries() > 0 && batch.bytes() + in.length > batchBytes) {
          writeBody(out, encoder, batch);
          batch = new PendingBatch("", 0);
        }
        batch.add(
            ForwardEntry.copyOf(
                "", labels[in.stream], in.nanos, in.line, 0, in.length, Labels.EMPTY));
      }
      if (batch.entries() > 0) {
        writeBody(out, encoder, batch);
      }
    }
  }

  /** A line of {@code streams.txt}, {@code {app="a", ns="b"}}, as labels. */
  private static Labels parseLabels(String text) {
    Labels.Builder b = Labels.builder();
    for (Matcher m : LogqlParser.parseLogSelector(text).matchers()) {
      b.add(m.name(), m.value());
    }
    return b.build();
  }

  /** Entries carry no structured metadata, so the batch's bytes are its line bytes. */
  private static void writeBody(
      DataOutputStream out, PushRequestEncoder encoder, PendingBatch batch) throws IOException {
    byte[] body = encoder.encode(batch);
    out.writeInt(body.length);
    out.writeInt(batch.entries());
    out.writeInt((int) batch.bytes());
    out.write(body);
  }

  private static @Nullable Body readBody(DataInputStream in) throws IOException {
    int n;
    try {
      n = in.readInt();
    } catch (EOFException e) {
      return null;
    }
    int entries = in.readInt();
    int lineBytes = in.readInt();
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return new Body(bytes, entries, lineBytes);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: LogPushLoad URL DIR [--connections N] [--batch-bytes N] [--tenant NAME]");
    }
    int connections = 2;
    int batchBytes = 1 << 20;
    String tenant = null;
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--connections" -> connections = Integer.parseInt(args[i + 1]);
        case "--batch-bytes" -> batchBytes = Integer.parseInt(args[i + 1]);
        case "--tenant" -> tenant = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Result r =
        push(new Options(URI.create(args[0]), connections, batchBytes, tenant), Path.of(args[1]));
    System.out.println(r.toJson());
  }
}
