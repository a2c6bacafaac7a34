package io.moraine.kube.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Prometheus 2.42's TLS host matching for the ingress scheme. */
class IngressGroupsTest {
  @Test
  void equalHostsAndOneLevelWildcardsMatch() {
    assertThat(IngressGroups.matchesHost("a.example.com", "a.example.com")).isTrue();
    assertThat(IngressGroups.matchesHost("*.example.com", "a.example.com")).isTrue();
    assertThat(IngressGroups.matchesHost("", "")).isTrue();
  }

  @Test
  void wildcardsCoverExactlyOneLeadingLabel() {
    assertThat(IngressGroups.matchesHost("*.example.com", "example.com")).isFalse();
    assertThat(IngressGroups.matchesHost("*.example.com", "a.b.example.com")).isFalse();
    assertThat(IngressGroups.matchesHost("*.example.com", "a.example.org")).isFalse();
    assertThat(IngressGroups.matchesHost("a.*.com", "a.example.com")).isFalse();
    assertThat(IngressGroups.matchesHost("*.example.com.", "a.example.com")).isFalse();
    assertThat(IngressGroups.matchesHost("b.example.com", "a.example.com")).isFalse();
  }
}
