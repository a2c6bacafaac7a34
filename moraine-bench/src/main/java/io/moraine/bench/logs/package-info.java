/**
 * JMH benchmarks of the log store and LogQL, and the logs benchmark's tools: {@link
 * io.moraine.bench.logs.LogCorpus} generates a seeded corpus of realistic container logs, {@link
 * io.moraine.bench.logs.LogPushLoad} pushes it through Loki's push API as Promtail does. {@code
 * bench/logs_bench.py} runs both against the server.
 */
@NullMarked
package io.moraine.bench.logs;

import org.jspecify.annotations.NullMarked;
