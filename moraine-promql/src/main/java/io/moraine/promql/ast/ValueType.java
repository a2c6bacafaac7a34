package io.moraine.promql.ast;

/** The type of a PromQL expression, named as Prometheus names it in errors and API responses. */
public enum ValueType {
  SCALAR("scalar"),
  VECTOR("vector"),
  MATRIX("matrix"),
  STRING("string");

  private final String docName;

  ValueType(String docName) {
    this.docName = docName;
  }

  /** The lower-case name used in Prometheus's messages and in {@code resultType}. */
  public String docName() {
    return docName;
  }
}
