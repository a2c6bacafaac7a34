@NullMarked
package io.moraine.server.api.loki;

import org.jspecify.annotations.NullMarked;
