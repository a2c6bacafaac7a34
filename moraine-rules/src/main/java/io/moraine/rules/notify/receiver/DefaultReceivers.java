package io.moraine.rules.notify.receiver;

import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.rules.notify.Receivers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receivers of a configuration: each notification goes to all integrations of its receiver at
 * once (one virtual thread each), each retried with Alertmanager's backoff (0.5 s, times 1.5 per
 * try, ±50 % jitter, at most 60 s) until it is delivered, fails for good, or the deadline passes.
 * With {@code send_resolved: false} an integration gets only the firing alerts and nothing when
 * none fire. Thread-safe; building it reads the Better Stack incidents file.
 */
public final class DefaultReceivers implements Receivers {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultReceivers.class);

  private final Map<String, List<Integration>> receivers = new HashMap<>();
  private final Retrier retrier;

  /**
   * @throws IllegalArgumentException when two receivers share a name or a config is incomplete
   */
  public DefaultReceivers(List<ReceiverConfig> configs, ReceiversOptions options) {
    this.retrier = new Retrier(options);
    HttpPoster poster = new HttpPoster(options.httpClient(), options.clock());
    IncidentFile incidents = null;
    for (ReceiverConfig rc : configs) {
      List<Integration> list = new ArrayList<>();
      rc.webhooks().forEach(c -> list.add(new WebhookIntegration(c, poster)));
      rc.pagerDuty().forEach(c -> list.add(new PagerDutyIntegration(c, poster)));
      rc.slack().forEach(c -> list.add(new SlackIntegration(c, poster)));
      for (EmailConfig c : rc.email()) {
        list.add(new EmailIntegration(c, options.clock(), options.sslContext()));
      }
      for (int i = 0; i < rc.betterStack().size(); i++) {
        if (incidents == null) {
          incidents = new IncidentFile(options.stateDir());
        }
        String id = rc.name() + "/" + i;
        list.add(new BetterStackIntegration(rc.betterStack().get(i), poster, incidents, id));
      }
      if (receivers.put(rc.name(), List.copyOf(list)) != null) {
        throw new IllegalArgumentException("receiver \"" + rc.name() + "\" is defined twice");
      }
    }
  }

  @Override
  public boolean deliver(Notification n, long deadlineMillis) {
    List<Integration> list = receivers.get(n.receiver());
    if (list == null) {
      throw new IllegalArgumentException("no receiver named \"" + n.receiver() + "\"");
    }
    if (list.size() == 1) {
      return deliverTo(list.getFirst(), n, deadlineMillis);
    }
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> results = new ArrayList<>(list.size());
      for (Integration i : list) {
        results.add(exec.submit(() -> deliverTo(i, n, deadlineMillis)));
      }
      boolean all = true;
      for (Future<Boolean> f : results) {
        all &= f.get();
      }
      return all;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("BUG: delivery threw", e.getCause());
    }
  }

  private boolean deliverTo(Integration i, Notification n, long deadlineMillis) {
    List<Alert> alerts = n.alerts();
    if (!i.sendResolved()) {
      alerts = alerts.stream().filter(a -> !a.resolvedAt(n.nowMillis())).toList();
      if (alerts.isEmpty()) {
        return true;
      }
    }
    Outcome o = retrier.run(i, n, alerts, deadlineMillis);
    if (o.kind() != Outcome.Kind.OK) {
      LOG.atWarn()
          .addKeyValue("receiver", n.receiver())
          .addKeyValue("integration", i.kind())
          .addKeyValue("group", n.groupKey())
          .addKeyValue("reason", o.reason())
          .addKeyValue("err", o.detail())
          .log("notification failed");
    }
    return o.kind() == Outcome.Kind.OK;
  }
}
