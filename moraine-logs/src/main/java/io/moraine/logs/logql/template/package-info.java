/**
 * A Go {@code text/template} subset for LogQL's {@code line_format} and {@code label_format}: a
 * lexer and parser into an immutable tree ({@link io.moraine.logs.logql.template.Template}), and an
 * evaluator with Loki 2.9's function table ({@code TemplateFunctions}). Supported: text, actions
 * with pipelines, fields of the label map ({@code .name}), {@code if/else if/else/end}, {@code
 * with}, literals, parenthesised pipelines, trim markers and comments; not {@code range}, variables
 * or {@code define}.
 */
@NullMarked
package io.moraine.logs.logql.template;

import org.jspecify.annotations.NullMarked;
