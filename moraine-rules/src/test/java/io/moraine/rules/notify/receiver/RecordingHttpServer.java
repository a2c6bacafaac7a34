package io.moraine.rules.notify.receiver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server that records each request and answers with scripted statuses. */
final class RecordingHttpServer implements AutoCloseable {
  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null ? "" : v.getFirst();
    }
  }

  record Reply(int status, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private volatile Reply fallback = new Reply(200, "{}");
  private final HttpServer server;

  RecordingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  ex.getRequestMethod(),
                  ex.getRequestURI().getPath(),
                  Map.copyOf(ex.getRequestHeaders()),
                  body));
          Reply r = script.poll();
          if (r == null) {
            r = fallback;
          }
          byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
          if (out.length > 0) {
            ex.getResponseBody().write(out);
          }
          ex.close();
        });
    server.start();
  }

  /** The next answers, in order; after them, {@link #always}'s (200 by default). */
  RecordingHttpServer reply(int status, String body) {
    script.add(new Reply(status, body));
    return this;
  }

  RecordingHttpServer always(int status, String body) {
    fallback = new Reply(status, body);
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
