@NullMarked
package io.moraine.server.api.otlp;

import org.jspecify.annotations.NullMarked;
