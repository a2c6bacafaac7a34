package io.moraine.server.api.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import io.moraine.graph.shapes.Shapes;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.io.IOException;
import java.util.List;

/** A write whose graph breaks the SHACL shapes: 400 with every violation listed. */
final class ShapeViolationException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final transient List<Shapes.Violation> violations;

  ShapeViolationException(List<Shapes.Violation> violations) {
    super(
        ErrorType.BAD_DATA,
        "the graph violates "
            + violations.size()
            + " SHACL constraint(s); first: "
            + violations.getFirst());
    this.violations = List.copyOf(violations);
  }

  List<Shapes.Violation> violations() {
    return violations;
  }

  @Override
  public void writeDetails(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("violations");
    for (Shapes.Violation v : violations) {
      g.writeStartObject();
      g.writeStringField("focusNode", v.focusNode());
      g.writeStringField("path", v.path());
      g.writeStringField("message", v.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
