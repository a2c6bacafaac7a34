package io.moraine.server.api.loki;

import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketFrameType;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reads a tail client's frames (which carry nothing Loki acts on) and closes the outbound side when
 * the client closes or the connection breaks.
 */
final class InboundDrain implements Subscriber<WebSocketFrame> {
  private final WebSocketWriter out;

  InboundDrain(WebSocketWriter out) {
    this.out = out;
  }

  @Override
  public void onSubscribe(Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(WebSocketFrame frame) {
    try {
      if (frame.type() == WebSocketFrameType.CLOSE) {
        out.close();
      }
    } finally {
      frame.close();
    }
  }

  @Override
  public void onError(Throwable t) {
    out.close();
  }

  @Override
  public void onComplete() {
    out.close();
  }
}
