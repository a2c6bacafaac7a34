package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata service in the running server: every endpoint, its negotiation and its errors. */
class GraphEndToEndTest {
  private static final String BASE = "https://moraine.local/site/edge-1/";
  private static final String TTL =
      """
      @prefix glc: <https://glaciation-project.eu/MetadataReferenceModel#> .
      @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
      <%sworkload/default/deployment/web> a glc:DeploymentWorkload ;
          glc:hasStatus <%sworkload/default/deployment/web/status> .
      <%sworkload/default/deployment/web/status> a glc:Status ;
          glc:hasDescription "Running" ;
          glc:startTime "2026-01-01T00:00:00Z"^^xsd:dateTime .
      """
          .formatted(BASE, BASE, BASE);

  @TempDir Path data;
  private TestServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    Path cfg = data.resolve("moraine.yml");
    Files.writeString(
        cfg,
        """
        graph:
          site: edge-1
          query_timeout: 400ms
          max_results: 50
          max_body_size: 64KiB
        """);
    server = TestServer.start("--data=" + data, "--config=" + cfg);
    // HTTP/1.1: over h2c a body past HTTP/2's 64 KiB flow-control window waits for the server,
    // which answers 413 and cancels the stream, and the JDK client then reports the reset instead
    // of the response (a race seen in CI)
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  private HttpResponse<byte[]> send(
      String method, String path, String type, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (!type.isEmpty()) {
      b.header("Content-Type", type);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> send(
      String method, String path, String type, String body, String... headers) throws Exception {
    return send(method, path, type, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Graph parse(byte[] body, Lang lang) {
    DatasetGraph ds = DatasetGraphFactory.create();
    RDFParser.source(new ByteArrayInputStream(body)).lang(lang).parse(ds);
    Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
    ds.find().forEachRemaining(x -> g.add(x.asTriple()));
    return g;
  }

  @Test
  void subgraphRoundTripsInEveryFormatWithEtags() throws Exception {
    String path = "/subgraph/workload/default/deployment/web";
    HttpResponse<byte[]> put = send("PUT", path, "text/turtle", TTL);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    String etag = put.headers().firstValue("ETag").orElseThrow();
    Graph expected = parse(TTL.getBytes(StandardCharsets.UTF_8), Lang.TURTLE);

    for (String[] f :
        new String[][] {
          {"application/ld+json", "JSONLD"},
          {"application/n-quads", "NQUADS"},
          {"application/rdf+thrift", "RDFTHRIFT"},
          {"application/n-triples", "NTRIPLES"},
          {"text/turtle;q=0.5, application/ld+json;q=0.1", "TURTLE"}
        }) {
      HttpResponse<byte[]> get = send("GET", path, "", new byte[0], "Accept", f[0]);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.headers().firstValue("ETag")).contains(etag);
      Lang lang = Objects.requireNonNull(org.apache.jena.riot.RDFLanguages.nameToLang(f[1]));
      assertThat(get.headers().firstValue("Content-Type").orElseThrow())
          .startsWith(lang.getContentType().getContentTypeStr());
      assertThat(parse(get.body(), lang).isIsomorphicWith(expected)).as(f[0]).isTrue();
    }
    // N-Quads carry the graph's name
    String nquads = text(send("GET", path, "", new byte[0], "Accept", "application/n-quads"));
    assertThat(nquads).contains("<" + BASE + "graph/workload/default/deployment/web> .");

    assertThat(send("GET", path, "", new byte[0], "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    assertThat(send("GET", path, "", new byte[0], "Accept", "image/png").statusCode())
        .isEqualTo(406);

    String more = "<" + BASE + "workload/default/deployment/web> <urn:p> \"x\" .";
    HttpResponse<byte[]> stale =
        send("POST", path, "application/n-triples", more, "If-Match", "\"nope\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(text(stale)).contains("precondition_failed");
    HttpResponse<byte[]> merged =
        send("POST", path, "application/n-triples", more, "If-Match", etag);
    assertThat(merged.statusCode()).isEqualTo(204);
    String etag2 = merged.headers().firstValue("ETag").orElseThrow();
    assertThat(etag2).isNotEqualTo(etag);
    Graph after = parse(send("GET", path, "", new byte[0]).body(), Lang.TURTLE);
    assertThat(after.size()).isEqualTo(expected.size() + 1);
    // the old tag no longer matches: the write is refused and nothing changes
    assertThat(send("PUT", path, "text/turtle", TTL, "If-Match", etag).statusCode()).isEqualTo(412);
    assertThat(send("PUT", path, "text/turtle", TTL, "If-Match", etag2).statusCode())
        .isEqualTo(204);
    assertThat(
            parse(send("GET", path, "", new byte[0]).body(), Lang.TURTLE)
                .isIsomorphicWith(expected))
        .isTrue();

    assertThat(send("DELETE", path, "", new byte[0]).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> gone = send("GET", path, "", new byte[0]);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(text(gone)).contains("not_found");
    assertThat(send("DELETE", path, "", new byte[0]).statusCode()).isEqualTo(404);
  }

  @Test
  void badWritesAreRefusedWithReasons() throws Exception {
    String path = "/subgraph/node/n1";
    HttpResponse<byte[]> media = send("PUT", path, "text/plain", "x");
    assertThat(media.statusCode()).isEqualTo(415);
    assertThat(text(media)).contains("text/turtle");

    HttpResponse<byte[]> syntax = send("PUT", path, "text/turtle", "<urn:a> <urn:b> .\n");
    assertThat(syntax.statusCode()).isEqualTo(400);
    assertThat(text(syntax)).contains("\"errorType\":\"bad_data\"").contains("line 1");

    String bad =
        """
        @prefix glc: <https://glaciation-project.eu/MetadataReferenceModel#> .
        <urn:s> a glc:Status ; glc:startTime "yesterday" .
        """;
    HttpResponse<byte[]> shacl = send("PUT", path, "text/turtle", bad);
    assertThat(shacl.statusCode()).isEqualTo(400);
    assertThat(text(shacl))
        .contains("\"status\":\"error\"")
        .contains("\"errorType\":\"bad_data\"")
        .contains("\"violations\":[{\"focusNode\":\"<urn:s>\"")
        .contains("startTime");
    assertThat(send("GET", path, "", new byte[0]).statusCode()).isEqualTo(404);

    HttpResponse<byte[]> big =
        send("PUT", path, "application/n-triples", "#".repeat(70 * 1024) + "\n");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(send("PUT", "/subgraph/a/../b", "text/turtle", TTL).statusCode()).isIn(400, 404);

    String metrics = text(send("GET", "/metrics", "", new byte[0]));
    assertThat(metrics)
        .contains("moraine_graph_writes_rejected_total{reason=\"shacl\"} 1")
        .contains("moraine_graph_store_quads 0");
  }

  @Test
  void sparqlProtocolQueriesUpdatesAndLimits() throws Exception {
    assertThat(
            send("PUT", "/subgraph/workload/default/deployment/web", "text/turtle", TTL)
                .statusCode())
        .isEqualTo(201);
    String select =
        "SELECT ?s WHERE { ?s a <https://glaciation-project.eu/MetadataReferenceModel#Status> }";

    HttpResponse<byte[]> get = send("GET", "/sparql?query=" + q(select), "", new byte[0]);
    assertThat(get.statusCode()).as(text(get)).isEqualTo(200);
    assertThat(get.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/sparql-results+json");
    assertThat(text(get)).contains(BASE + "workload/default/deployment/web/status");

    HttpResponse<byte[]> form =
        send(
            "POST",
            "/sparql",
            "application/x-www-form-urlencoded",
            "query=" + q(select),
            "Accept",
            "text/csv");
    assertThat(text(form)).startsWith("s\r\n" + BASE + "workload/default/deployment/web/status");
    HttpResponse<byte[]> direct =
        send(
            "POST",
            "/sparql",
            "application/sparql-query",
            select,
            "Accept",
            "application/sparql-results+xml");
    assertThat(text(direct))
        .contains("<uri>" + BASE + "workload/default/deployment/web/status</uri>");
    HttpResponse<byte[]> tsv =
        send(
            "GET",
            "/sparql?query=" + q("ASK { ?s ?p ?o }"),
            "",
            new byte[0],
            "Accept",
            "text/tab-separated-values");
    assertThat(text(tsv)).contains("true");

    // the protocol's dataset: a graph that does not exist hides everything
    HttpResponse<byte[]> scoped =
        send(
            "GET",
            "/sparql?query=" + q(select) + "&default-graph-uri=" + q("urn:none"),
            "",
            new byte[0]);
    assertThat(text(scoped)).doesNotContain("/status");
    HttpResponse<byte[]> named =
        send(
            "GET",
            "/sparql?query="
                + q(select)
                + "&default-graph-uri="
                + q(BASE + "graph/workload/default/deployment/web"),
            "",
            new byte[0]);
    assertThat(text(named)).contains("/status");

    HttpResponse<byte[]> construct =
        send(
            "GET",
            "/sparql?query=" + q("CONSTRUCT WHERE { ?s ?p ?o }"),
            "",
            new byte[0],
            "Accept",
            "application/n-triples");
    assertThat(construct.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/n-triples");
    assertThat(
            parse(construct.body(), Lang.NTRIPLES)
                .isIsomorphicWith(parse(TTL.getBytes(StandardCharsets.UTF_8), Lang.TURTLE)))
        .isTrue();
    assertThat(
            send("GET", "/sparql?query=" + q(select), "", new byte[0], "Accept", "text/turtle")
                .statusCode())
        .isEqualTo(406);

    HttpResponse<byte[]> bad =
        send("GET", "/sparql?query=" + q("SELECT ?s WHERE { ?s"), "", new byte[0]);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(text(bad)).contains("invalid SPARQL query").contains("line 1");
    assertThat(send("GET", "/sparql", "", new byte[0]).statusCode()).isEqualTo(400);

    StringBuilder insert = new StringBuilder("INSERT DATA { GRAPH <urn:g:big> {");
    for (int i = 0; i < 400; i++) {
      insert.append(" <urn:s").append(i).append("> <urn:p> ").append(i).append(" .");
    }
    insert.append(" } }");
    HttpResponse<byte[]> upd =
        send("POST", "/sparql/update", "application/sparql-update", insert.toString());
    assertThat(upd.statusCode()).as(text(upd)).isEqualTo(204);
    HttpResponse<byte[]> formUpd =
        send(
            "POST",
            "/sparql/update",
            "application/x-www-form-urlencoded",
            "update=" + q("INSERT DATA { GRAPH <urn:g:x> { <urn:a> <urn:b> <urn:c> } }"));
    assertThat(formUpd.statusCode()).isEqualTo(204);
    assertThat(send("POST", "/sparql/update", "application/sparql-update", "INSERT {").statusCode())
        .isEqualTo(400);
    HttpResponse<byte[]> intoDefault =
        send(
            "POST",
            "/sparql/update",
            "application/sparql-update",
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }");
    assertThat(intoDefault.statusCode()).isEqualTo(400);
    assertThat(text(intoDefault)).contains("\"errorType\":\"bad_data\"").contains("default graph");

    HttpResponse<byte[]> many =
        send(
            "GET",
            "/sparql?query=" + q("SELECT * { GRAPH <urn:g:big> { ?s ?p ?o } }"),
            "",
            new byte[0]);
    assertThat(many.statusCode()).isEqualTo(422);
    assertThat(text(many)).contains("more than 50 rows (graph.max_results)");
    HttpResponse<byte[]> fits =
        send(
            "GET",
            "/sparql?query=" + q("SELECT * { GRAPH <urn:g:big> { ?s ?p ?o } } LIMIT 50"),
            "",
            new byte[0]);
    assertThat(fits.statusCode()).isEqualTo(200);

    String slow =
        "SELECT (COUNT(*) AS ?n) { GRAPH <urn:g:big> { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } }";
    HttpResponse<byte[]> timeout = send("GET", "/sparql?query=" + q(slow), "", new byte[0]);
    assertThat(timeout.statusCode()).as(text(timeout)).isEqualTo(503);
    assertThat(text(timeout)).contains("timed out after 400ms (graph.query_timeout)");

    String metrics = text(send("GET", "/metrics", "", new byte[0]));
    assertThat(metrics)
        .contains("moraine_graph_store_graphs 3")
        .contains("moraine_graph_store_quads 406")
        .contains("moraine_graph_requests_total{endpoint=\"sparql\"}");
  }

  @Test
  void glaciationApiDropIn() throws Exception {
    String doc =
        """
        {"@context": {"glc": "https://glaciation-project.eu/MetadataReferenceModel#"},
         "@graph": [{"@id": "cluster:n1", "@type": "glc:WorkProducingResource", "glc:hasID": "n1"}]}
        """;
    HttpResponse<byte[]> patch = send("PATCH", "/api/v0/graph", "application/json", doc);
    assertThat(patch.statusCode()).as(text(patch)).isEqualTo(200);
    assertThat(text(patch))
        .matches("\"Success - Inserted 2 triple\\(s\\) into graph <timestamp:\\d+>\\.\"");

    HttpResponse<byte[]> withId =
        send(
            "PATCH",
            "/api/v0/graph",
            "application/json",
            "{\"@id\": \"https://x/slice\", " + doc.strip().substring(1));
    assertThat(text(withId))
        .matches(
            "\"Success - Inserted 2 triple\\(s\\) into graph <https://x/slice/timestamp:\\d+>\\.\"");

    HttpResponse<byte[]> empty = send("PATCH", "/api/v0/graph", "application/json", "{\"foo\": 1}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(text(empty))
        .isEqualTo("{\"detail\":\"No triples could be extracted from JSON-LD.\"}");

    String select =
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(regex(str(?g), \"^timestamp:\")) }";
    HttpResponse<byte[]> search = send("GET", "/api/v0/graph?query=" + q(select), "", new byte[0]);
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(text(search)).contains("\"vars\"").contains("\"g\"").contains("timestamp:");
    HttpResponse<byte[]> badSearch =
        send("GET", "/api/v0/graph?query=" + q("SELECT nope"), "", new byte[0]);
    assertThat(badSearch.statusCode()).isEqualTo(400);
    assertThat(text(badSearch)).startsWith("{\"detail\":\"invalid SPARQL query");
    assertThat(send("GET", "/api/v0/graph", "", new byte[0]).statusCode()).isEqualTo(422);

    HttpResponse<byte[]> getUpdate =
        send(
            "GET",
            "/api/v0/graph/update?query="
                + q("DROP GRAPH <https://x/slice/timestamp:0>; CLEAR SILENT GRAPH <urn:none>"),
            "",
            new byte[0]);
    // Jena drops an absent graph quietly: the GLACIATION sidecar's DROP GRAPH lists succeed
    assertThat(getUpdate.statusCode()).isEqualTo(200);
    assertThat(new String(getUpdate.body(), StandardCharsets.UTF_8)).isEqualTo("\"Success\"");
    String dropAll =
        "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(strstarts(str(?g), \"https://x/slice/\")) }";
    HttpResponse<byte[]> postUpdate =
        send(
            "POST",
            "/api/v0/graph/update",
            "application/json",
            "{\"query\": " + new com.fasterxml.jackson.databind.node.TextNode(dropAll) + "}");
    assertThat(postUpdate.statusCode()).as(text(postUpdate)).isEqualTo(200);
    assertThat(text(postUpdate)).isEqualTo("\"Success\"");
    HttpResponse<byte[]> twoKeys =
        send("POST", "/api/v0/graph/update", "application/json", "{\"query\": \"x\", \"y\": 1}");
    assertThat(twoKeys.statusCode()).isEqualTo(400);
    assertThat(text(twoKeys))
        .isEqualTo("{\"detail\":\"Request must contain only {'query': str}\"}");
    assertThat(
            text(
                send(
                    "GET",
                    "/api/v0/graph?query=" + q("SELECT ?g WHERE { GRAPH ?g { } }"),
                    "",
                    new byte[0])))
        .doesNotContain("https://x/slice");

    HttpResponse<byte[]> compact = send("POST", "/api/v0/graph/compact", "", new byte[0]);
    assertThat(compact.statusCode()).isEqualTo(200);
    assertThat(text(compact)).isEqualTo("\"Success\"");
    assertThat(NodeFactory.createURI("timestamp:1").getURI()).isEqualTo("timestamp:1");
  }
}
