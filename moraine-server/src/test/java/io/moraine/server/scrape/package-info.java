@NullMarked
package io.moraine.server.scrape;

import org.jspecify.annotations.NullMarked;
