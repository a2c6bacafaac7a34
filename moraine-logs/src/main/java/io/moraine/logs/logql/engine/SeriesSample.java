package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;

/** One sample of a step's vector. */
record SeriesSample(Labels labels, double value) {}
