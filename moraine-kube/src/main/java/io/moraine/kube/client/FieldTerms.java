package io.moraine.kube.client;

import java.util.ArrayList;
import java.util.List;

/** The terms of a field selector, as Kubernetes' {@code fields.ParseSelector} splits them. */
record FieldTerms(List<Term> terms) {
  /** One {@code key=value} (or {@code key!=value} when {@code negated}). */
  record Term(String key, String value, boolean negated) {}

  static FieldTerms parse(String selector) {
    List<Term> out = new ArrayList<>();
    if (selector.isBlank()) {
      return new FieldTerms(out);
    }
    for (String part : selector.split(",")) {
      String p = part.strip();
      int ne = p.indexOf("!=");
      int eq = p.indexOf('=');
      if (ne >= 0 && (eq < 0 || ne < eq)) {
        out.add(term(p.substring(0, ne), p.substring(ne + 2), true, selector));
      } else if (eq >= 0) {
        String value = p.startsWith("=", eq + 1) ? p.substring(eq + 2) : p.substring(eq + 1);
        out.add(term(p.substring(0, eq), value, false, selector));
      } else {
        throw new IllegalArgumentException(
            "invalid selector: '" + selector + "'; can't understand '" + p + "'");
      }
    }
    return new FieldTerms(out);
  }

  private static Term term(String key, String value, boolean negated, String selector) {
    String k = key.strip();
    if (k.isEmpty()) {
      throw new IllegalArgumentException("invalid selector: '" + selector + "'; missing key");
    }
    return new Term(k, value.strip(), negated);
  }
}
