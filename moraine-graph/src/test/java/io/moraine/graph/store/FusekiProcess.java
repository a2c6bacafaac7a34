package io.moraine.graph.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Jena Fuseki 6.0.0 ({@code jena-fuseki-server}, copied to {@code target/fuseki} by
 * the build) in a child JVM, serving one in-memory TDB2 dataset {@code /ds} whose default graph is
 * the union of its named graphs, optionally behind basic auth. The child is killed on close.
 */
final class FusekiProcess implements AutoCloseable {
  static final String USER = "moraine";
  static final String PASSWORD = "s3cret";

  private final Process process;
  private final int port;

  private FusekiProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static FusekiProcess start(Path work, boolean basicAuth) throws Exception {
    Path jar = Path.of(System.getProperty("moraine.fuseki.jar", "target/fuseki/fuseki-server.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no Fuseki server jar at " + jar.toAbsolutePath());
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = work.resolve("fuseki.ttl");
    Files.writeString(
        config,
        """
        PREFIX fuseki: <http://jena.apache.org/fuseki#>
        PREFIX tdb2:   <http://jena.apache.org/2016/tdb#>
        PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        <#service> rdf:type fuseki:Service ;
            fuseki:name "ds" ;
            fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "query" ] ;
            fuseki:endpoint [ fuseki:operation fuseki:update ; fuseki:name "update" ] ;
            fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ; fuseki:name "data" ] ;
            fuseki:dataset <#dataset> .
        <#dataset> rdf:type tdb2:DatasetTDB2 ;
            tdb2:location "--mem--" ;
            tdb2:unionDefaultGraph true .
        """);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin,
                "-Xmx256m",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--localhost",
                "--port=" + port,
                "--config=" + config.toAbsolutePath()));
    if (basicAuth) {
      Path passwd = work.resolve("passwd");
      Files.writeString(passwd, USER + ": " + PASSWORD + "\n");
      cmd.add("--passwd=" + passwd.toAbsolutePath());
      cmd.add("--auth=basic");
    }
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("fuseki.log").toFile())
            .directory(work.toFile());
    pb.environment().put("FUSEKI_BASE", work.resolve("run").toString());
    Process p = pb.start();
    FusekiProcess fuseki = new FusekiProcess(p, port);
    fuseki.awaitReady(work);
    return fuseki;
  }

  private void awaitReady(Path work) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Fuseki exited: " + Files.readString(work.resolve("fuseki.log")));
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/ds/query?query=ASK%7B%7D"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200 || r.statusCode() == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Fuseki did not start within 90 s");
  }

  URI dataset() {
    return URI.create("http://localhost:" + port + "/ds");
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted stopping Fuseki", e));
    }
  }
}
