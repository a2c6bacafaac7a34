package io.moraine.agent.cgroup;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A JDK HTTP server serving a PodList at {@code /pods} to requests with the right bearer token. */
final class PodListServer implements AutoCloseable {
  static final String TOKEN = "s3cret-token";

  final AtomicReference<byte[]> body;
  final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  PodListServer(Path podList) throws IOException {
    body = new AtomicReference<>(Files.readAllBytes(podList));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/pods",
        ex -> {
          requests.incrementAndGet();
          byte[] b = body.get();
          int status = 200;
          if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            b = "Unauthorized".getBytes();
          }
          ex.sendResponseHeaders(status, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pods");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
