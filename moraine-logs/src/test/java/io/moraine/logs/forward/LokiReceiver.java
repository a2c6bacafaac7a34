package io.moraine.logs.forward;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A fake remote Loki on 127.0.0.1: decodes every push, records it with the status it answered and
 * answers scripted statuses (204 once the script runs out). Can hold the first request until
 * released.
 */
final class LokiReceiver implements AutoCloseable {
  record Reply(int status, @Nullable String retryAfter) {}

  record Request(
      int status,
      long receivedNanos,
      Map<String, List<String>> headers,
      List<PushBodyDecoder.Stream> streams) {
    @Nullable String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().getFirst();
        }
      }
      return null;
    }

    int entryCount() {
      int n = 0;
      for (PushBodyDecoder.Stream s : streams) {
        n += s.entries().size();
      }
      return n;
    }

    List<String> lines() {
      List<String> out = new ArrayList<>();
      for (PushBodyDecoder.Stream s : streams) {
        for (PushBodyDecoder.Entry e : s.entries()) {
          out.add(e.line());
        }
      }
      return out;
    }
  }

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile @Nullable CountDownLatch gate;
  private final CountDownLatch firstArrived = new CountDownLatch(1);
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();

  LokiReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/loki/api/v1/push", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/loki/api/v1/push");
  }

  /** The next requests are answered with these statuses, in order. */
  void reply(int status, @Nullable String retryAfter) {
    script.add(new Reply(status, retryAfter));
  }

  /** Holds every request (before answering) until {@link #release}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch g = gate;
    if (g != null) {
      g.countDown();
    }
  }

  boolean awaitFirst() throws InterruptedException {
    return firstArrived.await(2, TimeUnit.SECONDS);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The lines of every request answered 2xx, in arrival order. */
  List<String> acceptedLines() {
    List<String> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.status() / 100 == 2) {
        out.addAll(r.lines());
      }
    }
    return out;
  }

  /** Bodies that could not be decoded; a test passing with any here is wrong. */
  List<Throwable> errors() {
    return List.copyOf(errors);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      long now = System.nanoTime();
      byte[] body = ex.getRequestBody().readAllBytes();
      List<PushBodyDecoder.Stream> streams;
      try {
        streams = PushBodyDecoder.decodeSnappy(body);
      } catch (RuntimeException | AssertionError e) {
        errors.add(e);
        ex.sendResponseHeaders(400, -1);
        return;
      }
      firstArrived.countDown();
      CountDownLatch g = gate;
      if (g != null && !g.await(5, TimeUnit.SECONDS)) {
        errors.add(new AssertionError("request held for 5 s"));
      }
      Reply reply = script.poll();
      int status = reply == null ? 204 : reply.status();
      requests.add(new Request(status, now, Map.copyOf(ex.getRequestHeaders()), streams));
      if (reply != null && reply.retryAfter() != null) {
        ex.getResponseHeaders().add("Retry-After", reply.retryAfter());
      }
      if (status == 204) {
        ex.sendResponseHeaders(204, -1);
      } else {
        byte[] msg = ("status " + status).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, msg.length);
        ex.getResponseBody().write(msg);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
