package io.moraine.server.api.graph;

import com.linecorp.armeria.common.MediaType;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Picks a response format from an {@code Accept} header: the offer with the highest quality factor,
 * the server's order breaking ties; the default when the header is absent or empty; a 406 when
 * nothing the client accepts can be produced.
 */
final class Negotiation {
  private Negotiation() {}

  static <T> T choose(
      @Nullable String accept, List<T> offers, T fallback, Function<T, MediaType> typeOf) {
    if (accept == null || accept.isBlank()) {
      return fallback;
    }
    List<MediaType> ranges = parse(accept);
    T best = null;
    float bestQ = 0;
    for (T offer : offers) {
      float q = quality(typeOf.apply(offer), ranges);
      if (q > bestQ) {
        best = offer;
        bestQ = q;
      }
    }
    if (best == null) {
      throw new ApiException(
          ErrorType.NOT_ACCEPTABLE,
          "none of the accepted media types (" + accept.strip() + ") can be produced");
    }
    // a fallback the client accepts as well as the best wins (e.g. Accept: */*)
    return quality(typeOf.apply(fallback), ranges) >= bestQ ? fallback : best;
  }

  private static float quality(MediaType offer, List<MediaType> ranges) {
    float q = 0;
    int specificity = -1;
    for (MediaType r : ranges) {
      MediaType bare = r.withoutParameters();
      if (!offer.withoutParameters().belongsTo(bare)) {
        continue;
      }
      int s = bare.type().equals("*") ? 0 : bare.subtype().equals("*") ? 1 : 2;
      if (s > specificity) {
        specificity = s;
        q = r.qualityFactor();
      }
    }
    return q;
  }

  private static List<MediaType> parse(String accept) {
    List<MediaType> out = new ArrayList<>();
    for (String part : accept.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      try {
        out.add(MediaType.parse(p));
      } catch (IllegalArgumentException e) {
        throw new ApiException(ErrorType.BAD_DATA, "invalid Accept header element " + p);
      }
    }
    return out;
  }
}
