package io.moraine.agent.logtail;

import java.util.Map;

/**
 * One sealed batch: the HTTP body of its push request and where each file it touched stands after
 * it. Laid out on disk as {@code docs/format/agent-positions.md} describes.
 *
 * @param seq the sending order, from 1
 * @param entries log entries in the request (0: a batch carrying positions only, never posted)
 * @param lineBytes UTF-8 bytes of the entries' lines
 * @param positions per file path relative to the pod log root, its position after this batch
 * @param body the snappy-compressed {@code logproto.PushRequest}
 */
record SpooledBatch(
    long seq, int entries, long lineBytes, Map<String, Position> positions, byte[] body) {}
