@NullMarked
package io.moraine.server.cli;

import org.jspecify.annotations.NullMarked;
