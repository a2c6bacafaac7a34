@NullMarked
package io.moraine.core.storage;

import org.jspecify.annotations.NullMarked;
