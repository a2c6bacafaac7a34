package io.moraine.bench.logs;

/**
 * The vocabulary the generated lines draw on. Templates mark their variable parts: {@code #} a
 * number from a large id space, {@code @} a hex id, {@code ~} a word from {@link #NOUNS}, {@code %}
 * a duration in milliseconds; see {@link Template}.
 */
final class Words {
  private Words() {}

  static final String[] APPS = {
    "checkout",
    "cart",
    "payments",
    "catalog",
    "search",
    "recommendations",
    "auth",
    "users",
    "orders",
    "shipping",
    "inventory",
    "pricing",
    "notifications",
    "mailer",
    "gateway",
    "frontend",
    "ingress-nginx",
    "kafka-connect",
    "billing",
    "invoices",
    "reports",
    "etl",
    "scheduler",
    "webhooks",
    "geo",
    "media",
    "thumbnails",
    "chat",
    "feed",
    "ads",
    "fraud",
    "ledger",
    "audit",
    "config-server",
    "sessions",
    "coupons",
    "reviews",
    "wishlist",
    "loyalty",
    "metrics-proxy"
  };

  static final String[] NOUNS = {
    "order",
    "cart",
    "user",
    "product",
    "invoice",
    "payment",
    "session",
    "token",
    "shipment",
    "coupon",
    "review",
    "account",
    "address",
    "refund",
    "subscription",
    "webhook",
    "report",
    "thumbnail",
    "message",
    "feed",
    "campaign",
    "ledger-entry",
    "price",
    "stock",
    "warehouse"
  };

  static final String[] NODES_ZONES = {"a", "b", "c"};

  static final String[] JSON_MESSAGES = {
    "cache miss for ~:#",
    "cache hit ratio below threshold for ~ cache",
    "published event ~.updated id=#",
    "consumed event ~.created offset=# partition=#",
    "retrying upstream call to ~-service attempt=#",
    "slow query on ~ table took %",
    "user # logged in",
    "token refreshed for session @",
    "rate limit exceeded for client #",
    "feature flag ~-v2 evaluated to true for user #",
    "connection pool stats active=# idle=# waiting=#",
    "scheduled job ~-cleanup finished in %",
    "validation failed for ~ #: field quantity must be positive",
    "upstream ~-service responded slowly: %",
    "circuit breaker for ~-service changed state to half_open",
    "acquired lock ~-# in %",
    "loaded # ~ records from database",
    "webhook delivery to https://hooks.partner-#.example.net/~ failed: status #",
    "dropping duplicate ~ message @",
    "gc pause %"
  };

  static final String[] GO_MESSAGES = {
    "reconciling ~ #",
    "watch channel closed, restarting watch for ~",
    "flushed # ~ records to storage in %",
    "lease renewed for ~-controller",
    "compaction finished blocks=# duration=%",
    "dial tcp 10.#.#.#:5432: connect: connection refused",
    "context deadline exceeded while calling ~-service",
    "processing batch size=# ~=#",
    "http: TLS handshake error from 10.#.#.#:#: EOF",
    "cache resynced objects=# took=%",
    "skipping stale ~ # generation=#",
    "goroutine pool saturated workers=# queue=#"
  };

  static final String[] JAVA_MESSAGES = {
    "Created ~ # for user #",
    "Completed ~ # in %",
    "HikariPool-1 - Connection is not available, request timed out after %.",
    "Fetching ~ # from repository",
    "Received message from topic ~-events partition # offset #",
    "Publishing ~ # to exchange ~.events",
    "Cache eviction for region ~ removed # entries",
    "Transaction rolled back for ~ #",
    "Scheduled task ~Sync finished, # rows in %",
    "HTTP call to http://~-service:8080/api/~/# took %",
    "Initializing Spring DispatcherServlet 'dispatcherServlet'",
    "Validation failed for ~ #: must not be null"
  };

  static final String[] JAVA_PACKAGES = {
    "service", "web", "repository", "messaging", "config", "client", "scheduler", "security"
  };

  static final String[] JAVA_CLASSES = {
    "Service", "Controller", "Repository", "Listener", "Publisher", "Client", "Job", "Mapper"
  };

  static final String[] THREADS = {
    "http-nio-8080-exec-", "scheduling-", "kafka-consumer-", "task-", "ForkJoinPool-1-worker-"
  };

  static final String[] GO_FILES = {
    "server.go", "handler.go", "reconciler.go", "store.go", "client.go", "worker.go", "cache.go"
  };

  static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67",
    "okhttp/4.12.0",
    "Go-http-client/1.1",
    "python-requests/2.31.0",
    "curl/8.5.0",
    "kube-probe/1.29",
    "Prometheus/2.51.2",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "ShopApp/5.12.3 (iPhone; iOS 17.4.1; Scale/3.00)",
    "ShopApp/5.12.1 (Android 14; SM-S918B)"
  };

  static final String[] REFERERS = {
    "-",
    "https://shop.example.com/",
    "https://shop.example.com/cart",
    "https://shop.example.com/products/#",
    "https://shop.example.com/search?q=~",
    "https://www.google.com/",
    "https://m.example.com/account/orders"
  };

  static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE"};
}
