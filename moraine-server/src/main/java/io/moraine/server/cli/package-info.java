/**
 * The command line: picocli commands ({@code server}, {@code import openmetrics}), flag parsing and
 * the composition root that wires configuration, storage and HTTP together.
 */
@NullMarked
package io.moraine.server.cli;

import org.jspecify.annotations.NullMarked;
