@NullMarked
package io.moraine.server.config;

import org.jspecify.annotations.NullMarked;
