@NullMarked
package io.moraine.server.api.prom;

import org.jspecify.annotations.NullMarked;
