/**
 * The embedded log store: head (open blocks in memory), appender, WAL replay, flush to segment
 * files, querier and retention. Entry point {@link io.moraine.logs.store.LogStore}.
 */
@NullMarked
package io.moraine.logs.store;

import org.jspecify.annotations.NullMarked;
