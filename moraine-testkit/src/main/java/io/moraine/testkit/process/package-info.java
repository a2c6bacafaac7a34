/** Child JVMs for durability tests: run one, read its acknowledgements, kill it with SIGKILL. */
@NullMarked
package io.moraine.testkit.process;

import org.jspecify.annotations.NullMarked;
