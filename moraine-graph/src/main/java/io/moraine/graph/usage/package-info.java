/** Where usage figures come from: PromQL evaluated by the server for the graph's summaries. */
@NullMarked
package io.moraine.graph.usage;

import org.jspecify.annotations.NullMarked;
