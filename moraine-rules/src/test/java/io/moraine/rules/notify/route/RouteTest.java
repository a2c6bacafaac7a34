package io.moraine.rules.notify.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {
  private static final RouteConfig TREE =
      RouteConfig.root("default")
          .withGroupBy(List.of("alertname"))
          .withTimings(Duration.ofSeconds(10), null, null)
          .withRoutes(
              List.of(
                  RouteConfig.DEFAULT
                      .withReceiver("db")
                      .withMatchers(List.of(Matcher.eq("team", "db")))
                      .withContinue(true)
                      .withTimings(null, Duration.ofMinutes(1), null)
                      .withRoutes(
                          List.of(
                              RouteConfig.DEFAULT
                                  .withReceiver("db-pager")
                                  .withMatchers(List.of(Matcher.eq("severity", "page")))
                                  .withGroupBy(List.of("...")))),
                  RouteConfig.DEFAULT
                      .withMatchers(List.of(Matcher.re("team", "db|web")))
                      .withReceiver("ops"),
                  RouteConfig.DEFAULT
                      .withMatchers(List.of(Matcher.eq("team", "web")))
                      .withReceiver("never")));

  @Test
  void firstMatchDepthFirstWithContinue() {
    Route root = Route.root(TREE);
    assertThat(receivers(root, Labels.of("team", "db", "severity", "page")))
        .containsExactly("db-pager", "ops");
    assertThat(receivers(root, Labels.of("team", "db"))).containsExactly("db", "ops");
    assertThat(receivers(root, Labels.of("team", "web"))).containsExactly("ops");
    assertThat(receivers(root, Labels.of("team", "other"))).containsExactly("default");
  }

  @Test
  void childrenInheritUnsetFields() {
    Route root = Route.root(TREE);
    Route db = root.children().get(0);
    Route pager = db.children().get(0);
    assertThat(db.groupWaitMillis()).isEqualTo(10_000);
    assertThat(db.groupIntervalMillis()).isEqualTo(60_000);
    assertThat(db.repeatIntervalMillis()).isEqualTo(Duration.ofHours(4).toMillis());
    assertThat(db.groupBy()).containsExactly("alertname");
    assertThat(pager.groupIntervalMillis()).isEqualTo(60_000);
    assertThat(pager.groupWaitMillis()).isEqualTo(10_000);
    assertThat(pager.groupBy()).isNull();
    assertThat(root.children().get(1).groupIntervalMillis()).isEqualTo(300_000);
    assertThat(pager.key()).isEqualTo("{}/{team=\"db\"}/{severity=\"page\"}");
  }

  @Test
  void groupLabelsByNamesOrAll() {
    Route root = Route.root(TREE);
    Labels alert = Labels.of("alertname", "Down", "team", "db", "severity", "page");
    assertThat(root.children().get(0).groupLabels(alert)).isEqualTo(Labels.of("alertname", "Down"));
    assertThat(root.children().get(0).children().get(0).groupLabels(alert)).isEqualTo(alert);
    assertThat(Route.root(RouteConfig.root("r")).groupLabels(alert)).isEqualTo(Labels.EMPTY);
  }

  @Test
  void refusesWhatAlertmanagerRefuses() {
    assertThatThrownBy(() -> Route.root(RouteConfig.DEFAULT))
        .hasMessage("root route must specify a default receiver");
    assertThatThrownBy(
            () -> Route.root(RouteConfig.root("r").withMatchers(List.of(Matcher.eq("a", "b")))))
        .hasMessage("root route must not have any matchers");
    assertThatThrownBy(() -> Route.root(RouteConfig.root("r").withGroupBy(List.of("...", "a"))))
        .hasMessage(
            "cannot have wildcard group_by (`...`) and other other labels at the same time");
    assertThatThrownBy(() -> Route.root(RouteConfig.root("r").withGroupBy(List.of("a", "a"))))
        .hasMessage("duplicated label \"a\" in group_by");
    assertThatThrownBy(
            () -> Route.root(RouteConfig.root("r").withTimings(null, null, Duration.ZERO)))
        .hasMessage("repeat_interval cannot be zero");
  }

  private static List<String> receivers(Route root, Labels l) {
    return root.match(l).stream().map(Route::receiver).toList();
  }
}
