package io.moraine.server.api.graph;

import com.linecorp.armeria.common.MediaType;
import java.util.List;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.jspecify.annotations.Nullable;

/** The RDF serializations the metadata service reads and writes, in its order of preference. */
enum RdfFormat {
  TURTLE("text/turtle", Lang.TURTLE, RDFFormat.TURTLE_PRETTY),
  JSONLD("application/ld+json", Lang.JSONLD, RDFFormat.JSONLD),
  NTRIPLES("application/n-triples", Lang.NTRIPLES, RDFFormat.NTRIPLES),
  NQUADS("application/n-quads", Lang.NQUADS, RDFFormat.NQUADS),
  THRIFT("application/rdf+thrift", Lang.RDFTHRIFT, RDFFormat.RDF_THRIFT);

  private final MediaType mediaType;
  private final Lang lang;
  private final RDFFormat writeFormat;

  RdfFormat(String mediaType, Lang lang, RDFFormat writeFormat) {
    this.mediaType = MediaType.parse(mediaType);
    this.lang = lang;
    this.writeFormat = writeFormat;
  }

  MediaType mediaType() {
    return mediaType;
  }

  Lang lang() {
    return lang;
  }

  RDFFormat writeFormat() {
    return writeFormat;
  }

  /** Whether the format carries graph names (N-Quads). */
  boolean isQuads() {
    return this == NQUADS;
  }

  static final List<RdfFormat> ALL = List.of(values());

  /**
   * The format of a request body by its {@code Content-Type} (parameters ignored; {@code
   * application/json} reads as JSON-LD), or null when none fits.
   */
  static @Nullable RdfFormat ofContentType(@Nullable MediaType type) {
    if (type == null) {
      return null;
    }
    MediaType bare = type.withoutParameters();
    if (bare.is(MediaType.JSON)) {
      return JSONLD;
    }
    for (RdfFormat f : ALL) {
      if (bare.is(f.mediaType)) {
        return f;
      }
    }
    return null;
  }

  static String supportedList() {
    StringBuilder b = new StringBuilder();
    for (RdfFormat f : ALL) {
      b.append(b.isEmpty() ? "" : ", ").append(f.mediaType);
    }
    return b.toString();
  }
}
