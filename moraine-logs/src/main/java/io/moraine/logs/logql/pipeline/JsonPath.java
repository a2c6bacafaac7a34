package io.moraine.logs.logql.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code json} parameter expression: {@code a.b}, {@code a[0]}, {@code ["a b"]}, {@code
 * a.b[1].c}. Segments are String keys or Integer indexes.
 */
record JsonPath(List<Object> segments) {
  static JsonPath parse(String expr) {
    List<Object> segs = new ArrayList<>();
    int i = 0;
    int n = expr.length();
    boolean needSep = false;
    while (i < n) {
      char c = expr.charAt(i);
      if (c == '.') {
        if (!needSep) {
          throw invalid(expr);
        }
        needSep = false;
        i++;
      } else if (c == '[') {
        int close;
        if (i + 1 < n && expr.charAt(i + 1) == '"') {
          StringBuilder sb = new StringBuilder();
          int j = i + 2;
          while (j < n && expr.charAt(j) != '"') {
            if (expr.charAt(j) == '\\' && j + 1 < n) {
              j++;
            }
            sb.append(expr.charAt(j++));
          }
          if (j + 1 >= n || expr.charAt(j + 1) != ']') {
            throw invalid(expr);
          }
          segs.add(sb.toString());
          close = j + 1;
        } else {
          close = expr.indexOf(']', i);
          if (close < 0) {
            throw invalid(expr);
          }
          try {
            segs.add(Integer.parseInt(expr.substring(i + 1, close).strip()));
          } catch (NumberFormatException e) {
            throw invalid(expr);
          }
        }
        i = close + 1;
        needSep = true;
      } else {
        if (needSep) {
          throw invalid(expr);
        }
        int j = i;
        while (j < n && expr.charAt(j) != '.' && expr.charAt(j) != '[') {
          j++;
        }
        segs.add(expr.substring(i, j));
        i = j;
        needSep = true;
      }
    }
    if (segs.isEmpty() || !needSep) {
      throw invalid(expr);
    }
    return new JsonPath(List.copyOf(segs));
  }

  private static IllegalArgumentException invalid(String expr) {
    return new IllegalArgumentException("cannot parse json expression [" + expr + "]");
  }
}
