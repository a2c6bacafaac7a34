package io.moraine.rules.notify.alertmanager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A JDK HTTP server that records what the notifier POSTs; it can hold its first answer back. */
final class FakeAlertmanager implements AutoCloseable {
  record Request(
      String method,
      String path,
      String body,
      String contentType,
      String userAgent,
      String authorization) {}

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final CountDownLatch firstArrived = new CountDownLatch(1);
  private final CountDownLatch release;
  private volatile int status = 200;

  FakeAlertmanager(boolean holdFirst) throws IOException {
    release = new CountDownLatch(holdFirst ? 1 : 0);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  void status(int s) {
    status = s;
  }

  void release() {
    release.countDown();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void handle(HttpExchange ex) throws IOException {
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var h = ex.getRequestHeaders();
    requests.add(
        new Request(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            body,
            String.valueOf(h.getFirst("Content-Type")),
            String.valueOf(h.getFirst("User-Agent")),
            String.valueOf(h.getFirst("Authorization"))));
    firstArrived.countDown();
    try {
      release.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
