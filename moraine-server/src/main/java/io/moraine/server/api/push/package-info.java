/** The Pushgateway-compatible push API ({@code /metrics/job/...}) over the ingest push registry. */
@NullMarked
package io.moraine.server.api.push;

import org.jspecify.annotations.NullMarked;
