/** Scraping {@code /metrics} targets: the HTTP fetch, the per-target loop and the manager. */
@NullMarked
package io.moraine.ingest.scrape;

import org.jspecify.annotations.NullMarked;
