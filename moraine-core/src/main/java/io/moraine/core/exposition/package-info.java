@NullMarked
package io.moraine.core.exposition;

import org.jspecify.annotations.NullMarked;
