/**
 * Container log tailing and shipping: discovers kubelet's pod log files ({@code
 * /var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log}), decodes CRI and docker JSON
 * lines, follows rotation and truncation, and pushes batches to a Loki push endpoint through a
 * bounded on-disk spool. Entry point: {@link io.moraine.agent.logtail.LogShipper}.
 */
@NullMarked
package io.moraine.agent.logtail;

import org.jspecify.annotations.NullMarked;
