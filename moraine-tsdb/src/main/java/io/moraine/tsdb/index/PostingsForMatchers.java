package io.moraine.tsdb.index;

import io.moraine.core.labels.Matcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Selects the series of an index that satisfy all label matchers, with Prometheus semantics: a
 * series without label {@code l} is treated as having {@code l=""}.
 *
 * <p>A matcher that does not match the empty string ({@code a="x"}, {@code a=~"x.*"}, {@code
 * a!=""}) contributes the union of the postings of the values it matches, and these sets are
 * intersected. A matcher that does match it ({@code a=""}, {@code a!="x"}, {@code a!~"x|y"}, {@code
 * a=~".*"}) removes the union of the postings of the values it does not match. At least one matcher
 * must not match the empty string, as PromQL requires of a selector.
 *
 * <p>Value lookups avoid scanning where the matcher allows: {@code =} is one lookup; {@code =~}
 * with a finite set of literals is one lookup per literal; {@code =~} with a literal prefix scans
 * only the values with that prefix (found by binary search in the sorted values). Negative matchers
 * ({@code !=}, {@code !~}) use the same paths through their positive form.
 */
public final class PostingsForMatchers {
  private PostingsForMatchers() {}

  /**
   * The ids of the series that satisfy every matcher. The result is a new bitmap the caller owns.
   *
   * @throws IllegalArgumentException when there is no matcher or every matcher matches the empty
   *     string (the caller validates selectors)
   */
  public static RoaringBitmap select(IndexReader ir, Matcher... ms) {
    List<RoaringBitmap> positive = new ArrayList<>(ms.length);
    List<RoaringBitmap> negative = new ArrayList<>();
    for (Matcher m : ms) {
      if (!m.matchesEmpty()) {
        positive.add(union(ir, m, false));
      }
    }
    if (positive.isEmpty()) {
      throw new IllegalArgumentException(
          "selector needs a matcher that does not match the empty string: " + List.of(ms));
    }
    positive.sort(Comparator.comparingInt(RoaringBitmap::getCardinality));
    RoaringBitmap result = positive.get(0).clone();
    for (int i = 1; i < positive.size() && !result.isEmpty(); i++) {
      result.and(positive.get(i));
    }
    for (Matcher m : ms) {
      if (m.matchesEmpty() && !result.isEmpty()) {
        negative.add(union(ir, m, true));
      }
    }
    for (RoaringBitmap n : negative) {
      result.andNot(n);
    }
    return result;
  }

  /**
   * The union of the postings of the values of {@code m.name()} that {@code m} matches, or with
   * {@code invert}, that it does not match. May return a bitmap shared with the reader.
   */
  static RoaringBitmap union(IndexReader ir, Matcher m, boolean invert) {
    boolean positiveType = m.type() == Matcher.Type.EQ || m.type() == Matcher.Type.RE;
    if (positiveType && !invert) {
      return positiveUnion(ir, m.name(), m);
    }
    if (!positiveType && invert) {
      // values that a!="x" / a!~"re" rejects are exactly those a="x" / a=~"re" accepts
      Matcher.Type inverse = m.type() == Matcher.Type.NEQ ? Matcher.Type.EQ : Matcher.Type.RE;
      return positiveUnion(ir, m.name(), Matcher.of(inverse, m.name(), m.value()));
    }
    return scan(ir, m, !invert);
  }

  private static RoaringBitmap positiveUnion(IndexReader ir, String name, Matcher pos) {
    if (pos.type() == Matcher.Type.EQ) {
      return ir.postings(name, pos.value());
    }
    List<String> set = pos.setMatches();
    if (set != null) {
      List<RoaringBitmap> parts = new ArrayList<>(set.size());
      for (String v : set) {
        if (!v.isEmpty()) {
          parts.add(ir.postings(name, v));
        }
      }
      return or(parts);
    }
    String prefix = pos.literalPrefix();
    if (!prefix.isEmpty()) {
      List<String> values = ir.labelValues(name);
      int i = Collections.binarySearch(values, prefix);
      List<RoaringBitmap> parts = new ArrayList<>();
      for (i = i < 0 ? -i - 1 : i; i < values.size() && values.get(i).startsWith(prefix); i++) {
        if (pos.matches(values.get(i))) {
          parts.add(ir.postings(name, values.get(i)));
        }
      }
      return or(parts);
    }
    return scan(ir, pos, true);
  }

  /** Union over all values of the label where {@code m.matches(v) == wantMatch}. */
  private static RoaringBitmap scan(IndexReader ir, Matcher m, boolean wantMatch) {
    List<RoaringBitmap> parts = new ArrayList<>();
    for (String v : ir.labelValues(m.name())) {
      if (m.matches(v) == wantMatch) {
        parts.add(ir.postings(m.name(), v));
      }
    }
    return or(parts);
  }

  private static RoaringBitmap or(List<RoaringBitmap> parts) {
    return switch (parts.size()) {
      case 0 -> new RoaringBitmap();
      case 1 -> parts.get(0);
      case 2 -> RoaringBitmap.or(parts.get(0), parts.get(1));
      default -> FastAggregation.or(parts.iterator());
    };
  }
}
