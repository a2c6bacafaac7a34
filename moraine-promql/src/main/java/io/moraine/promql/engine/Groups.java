package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Input rows partitioned once into aggregation groups by their label subset. Groups are numbered in
 * order of their first row, so that for a one-step query they come out in Prometheus's order (first
 * appearance in the input vector). Rows without any sample belong to no group.
 */
final class Groups {
  /** The group labels, by group number. */
  final List<Labels> labels;

  /** The group number of each input row, or -1 for a row without samples. */
  final int[] groupOf;

  private int @Nullable [][] members;

  private Groups(List<Labels> labels, int[] groupOf) {
    this.labels = labels;
    this.groupOf = groupOf;
  }

  static Groups of(List<Row> rows, LabelSubset subset) {
    int[] groupOf = new int[rows.size()];
    List<Labels> labels = new ArrayList<>();
    Map<Labels, Integer> index = new HashMap<>();
    for (int i = 0; i < groupOf.length; i++) {
      Row row = rows.get(i);
      if (row.isEmpty()) {
        groupOf[i] = -1;
        continue;
      }
      Labels key = subset.of(row.labels);
      Integer g = index.get(key);
      if (g == null) {
        g = labels.size();
        index.put(key, g);
        labels.add(key);
      }
      groupOf[i] = g;
    }
    return new Groups(labels, groupOf);
  }

  int count() {
    return labels.size();
  }

  /** The input row numbers of each group, in input order. */
  int[][] members() {
    int[][] m = members;
    if (m != null) {
      return m;
    }
    int[] sizes = new int[count()];
    for (int g : groupOf) {
      if (g >= 0) {
        sizes[g]++;
      }
    }
    m = new int[count()][];
    for (int g = 0; g < m.length; g++) {
      m[g] = new int[sizes[g]];
    }
    Arrays.fill(sizes, 0);
    for (int i = 0; i < groupOf.length; i++) {
      int g = groupOf[i];
      if (g >= 0) {
        m[g][sizes[g]++] = i;
      }
    }
    members = m;
    return m;
  }

  /** The size of the largest group. */
  int largest() {
    int max = 0;
    for (int[] group : members()) {
      max = Math.max(max, group.length);
    }
    return max;
  }
}
