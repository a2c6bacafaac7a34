/**
 * Wiring of scraping into the server: jobs from the configuration, their discoverers, the manager.
 */
@NullMarked
package io.moraine.server.scrape;

import org.jspecify.annotations.NullMarked;
