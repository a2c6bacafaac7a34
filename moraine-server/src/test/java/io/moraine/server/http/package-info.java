@NullMarked
package io.moraine.server.http;

import org.jspecify.annotations.NullMarked;
