package io.moraine.server.http;

import com.linecorp.armeria.common.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Answers computed on another thread, with their failures handed to the error mapper unwrapped. */
public final class AsyncAnswers {
  private AsyncAnswers() {}

  /**
   * The response {@code answer} completes with; when it fails, the failure's cause (not the {@link
   * CompletionException} around it) reaches the server's error mapper.
   */
  public static HttpResponse of(CompletableFuture<HttpResponse> answer) {
    return HttpResponse.of(
        answer.exceptionallyCompose(
            e ->
                CompletableFuture.failedFuture(
                    e instanceof CompletionException c && c.getCause() != null
                        ? c.getCause()
                        : e)));
  }
}
