package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.server.backfill.ImportResult;
import io.moraine.server.store.InMemoryStorage;
import io.moraine.server.store.StorageOpener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code moraine server} run in-process on an ephemeral port over an in-memory store, ready when
 * {@link #start} returns; {@link #close} stops it as SIGTERM would.
 */
final class TestServer implements AutoCloseable {
  final InMemoryStorage store = new InMemoryStorage();
  private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
  private final AtomicReference<ServerRuntime> runtime = new AtomicReference<>();
  private final StringWriter err = new StringWriter();
  private final CompletableFuture<Integer> exit;

  private TestServer(@org.jspecify.annotations.Nullable StorageOpener opener, String... flags) {
    StorageOpener storage = opener != null ? opener : (s, r) -> store;
    Main main =
        new Main(
            new Engines(storage, (f, d, p) -> new ImportResult(0, 0, 0, 0, 0)),
            hooks::add,
            runtime::set,
            () -> false);
    java.util.List<String> argv =
        new java.util.ArrayList<>(List.of("server", "--listen=127.0.0.1:0"));
    argv.addAll(List.of(flags));
    if (argv.stream().noneMatch(a -> a.startsWith("--query.warmup"))) {
      // the warm-up would open a second store and compete for CPU with the test
      argv.add("--query.warmup=false");
    }
    if (argv.stream().noneMatch(a -> a.startsWith("--data"))) {
      // the metrics store is in memory, but the log store and state files live in --data:
      // never the module's ./data
      argv.add("--data=" + tempDir());
    }
    String[] args = argv.toArray(new String[0]);
    exit =
        CompletableFuture.supplyAsync(
            () ->
                main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args),
            // the server's own thread, as in production: run on the common pool, its blocking
            // main thread would starve what else uses that pool (fabric8's informers do)
            r -> Thread.ofPlatform().name("test-server-main").daemon().start(r));
  }

  private static java.nio.file.Path tempDir() {
    try {
      java.nio.file.Path d = java.nio.file.Files.createTempDirectory("moraine-test-server");
      d.toFile().deleteOnExit();
      return d;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static TestServer start(String... flags) throws InterruptedException {
    return start(null, flags);
  }

  /** The server over the store {@code opener} opens (the in-memory one when null). */
  static TestServer start(@org.jspecify.annotations.Nullable StorageOpener opener, String... flags)
      throws InterruptedException {
    TestServer s = new TestServer(opener, flags);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while ((s.runtime.get() == null || !s.runtime.get().isReady())
        && !s.exit.isDone()
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(s.runtime.get()).as("server started; stderr: %s", s.err).isNotNull();
    assertThat(s.runtime.get().isReady()).as("store open; stderr: %s", s.err).isTrue();
    return s;
  }

  String url() {
    return "http://127.0.0.1:" + runtime.get().httpAddress().getPort();
  }

  ServerRuntime runtime() {
    return runtime.get();
  }

  int port() {
    return runtime.get().httpAddress().getPort();
  }

  void append(long t, double v, String... labels) {
    Appender a = store.appender();
    a.append(Labels.of(labels), t, v);
    a.commit();
  }

  @Override
  public void close() throws Exception {
    for (Runnable h : hooks) {
      h.run();
    }
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }
}
