package io.moraine.agent.logtail;

import com.sun.net.httpserver.HttpServer;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Loki push endpoint for tests: decodes snappy-compressed {@code logproto.PushRequest} bodies
 * with a tiny protobuf reader, records every entry, and answers with queued statuses (then 204).
 */
final class LokiReceiver implements AutoCloseable {
  record Entry(String labels, long timeNanos, String line) {}

  final List<Entry> entries = new CopyOnWriteArrayList<>();
  final List<String> tenants = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  volatile int requests;
  volatile boolean down;
  private final HttpServer server;

  LokiReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/loki/api/v1/push",
        ex -> {
          requests++;
          byte[] body;
          try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
          }
          Integer queued = statuses.poll();
          int status = down ? 503 : queued == null ? 204 : queued;
          if (status == 204) {
            if (!"application/x-protobuf".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
              status = 415;
            } else {
              String tenant = ex.getRequestHeaders().getFirst("X-Scope-OrgID");
              tenants.add(tenant == null ? "" : tenant);
              try {
                entries.addAll(decode(body));
              } catch (RuntimeException e) {
                errors.add(e.toString());
                status = 422;
              }
            }
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/loki/api/v1/push");
  }

  List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(e.line());
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  static List<Entry> decode(byte[] compressed) {
    SnappyDecompressor d = new SnappyDecompressor();
    byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(compressed, 0)];
    d.decompress(compressed, 0, compressed.length, raw, 0, raw.length);
    ByteBuffer req = ByteBuffer.wrap(raw);
    List<Entry> out = new ArrayList<>();
    while (req.hasRemaining()) {
      ByteBuffer stream = field(req, 1);
      String labels = "";
      while (stream.hasRemaining()) {
        int tag = (int) varint(stream);
        ByteBuffer f = bytes(stream);
        if (tag >>> 3 == 1) {
          labels = StandardCharsets.UTF_8.decode(f).toString();
        } else if (tag >>> 3 == 2) {
          out.add(entry(labels, f));
        }
      }
    }
    return out;
  }

  private static Entry entry(String labels, ByteBuffer e) {
    long secs = 0;
    long nanos = 0;
    String line = "";
    while (e.hasRemaining()) {
      int tag = (int) varint(e);
      ByteBuffer f = bytes(e);
      if (tag >>> 3 == 1) {
        while (f.hasRemaining()) {
          int t = (int) varint(f);
          long v = varint(f);
          if (t >>> 3 == 1) {
            secs = v;
          } else {
            nanos = v;
          }
        }
      } else {
        line = StandardCharsets.UTF_8.decode(f).toString();
      }
    }
    return new Entry(labels, secs * 1_000_000_000L + nanos, line);
  }

  private static ByteBuffer field(ByteBuffer b, int expected) {
    int tag = (int) varint(b);
    if (tag != (expected << 3 | 2)) {
      throw new IllegalStateException("unexpected tag " + tag);
    }
    return bytes(b);
  }

  private static ByteBuffer bytes(ByteBuffer b) {
    int n = (int) varint(b);
    ByteBuffer f = b.slice(b.position(), n);
    b.position(b.position() + n);
    return f;
  }

  private static long varint(ByteBuffer b) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b.get();
      v |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        return v;
      }
    }
  }

  static Entry find(List<Entry> entries, String line) {
    for (Entry e : entries) {
      if (e.line().equals(line)) {
        return e;
      }
    }
    throw new AssertionError("no entry with line '" + line + "' in " + entries);
  }
}
