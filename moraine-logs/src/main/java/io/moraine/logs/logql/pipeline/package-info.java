/**
 * Executable log pipelines compiled from the AST's stages: line filters, parsers, label filters,
 * formatters, and the unwrap that turns entries into samples. Built by {@code Pipelines}.
 */
@NullMarked
package io.moraine.logs.logql.pipeline;

import org.jspecify.annotations.NullMarked;
