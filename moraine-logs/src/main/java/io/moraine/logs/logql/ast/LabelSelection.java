package io.moraine.logs.logql.ast;

import io.moraine.core.labels.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code drop} or {@code keep}: a bare label name, or a matcher ({@code
 * level="debug"}) that selects the label only when its value matches.
 */
public record LabelSelection(String name, @Nullable Matcher matcher) {}
