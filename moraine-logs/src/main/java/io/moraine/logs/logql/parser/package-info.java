/**
 * LogQL's lexer, recursive-descent parser and printer, following Loki 2.9's grammar, semantic
 * checks and error messages. {@link io.moraine.logs.logql.parser.LogqlParser} is the entry point;
 * {@link io.moraine.logs.logql.parser.LogqlPrinter} writes an AST back as canonical LogQL.
 */
@NullMarked
package io.moraine.logs.logql.parser;

import org.jspecify.annotations.NullMarked;
