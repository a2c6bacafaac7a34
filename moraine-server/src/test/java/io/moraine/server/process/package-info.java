@NullMarked
package io.moraine.server.process;

import org.jspecify.annotations.NullMarked;
