package io.moraine.kube.client;

import java.util.Objects;

/**
 * Label and field selectors sent with every list and watch of one kind of object, as Kubernetes'
 * {@code labelSelector} and {@code fieldSelector} query parameters.
 *
 * @param label a label selector ("" for none), passed through as written
 * @param field a field selector ("" for none): comma-separated {@code key=value}, {@code
 *     key==value} or {@code key!=value}
 * @throws IllegalArgumentException for a field selector term without an operator or key
 */
public record ResourceSelector(String label, String field) {
  /** No selection. */
  public static final ResourceSelector NONE = new ResourceSelector("", "");

  public ResourceSelector {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(field, "field");
    FieldTerms.parse(field);
  }
}
