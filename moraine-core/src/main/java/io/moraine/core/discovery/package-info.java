/** The service-discovery SPI: discoverers publish groups of targets, keyed by source. */
@NullMarked
package io.moraine.core.discovery;

import org.jspecify.annotations.NullMarked;
