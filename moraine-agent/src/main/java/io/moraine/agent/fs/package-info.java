/**
 * node_exporter's {@code filesystem} collector: mounts from procfs, sizes through {@code
 * statvfs(3)} called with the JDK's foreign-function API, with a timeout per mount so that a hung
 * network filesystem cannot hang a scrape.
 */
@NullMarked
package io.moraine.agent.fs;

import org.jspecify.annotations.NullMarked;
