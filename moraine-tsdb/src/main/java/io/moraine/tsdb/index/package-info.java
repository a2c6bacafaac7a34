/**
 * The series index of a persisted block: symbols, series (labels and chunk metas), postings.
 *
 * <p>{@link io.moraine.tsdb.index.IndexReader} is the read contract shared by the in-memory head
 * and persisted blocks; {@link io.moraine.tsdb.index.IndexWriter} writes the file that {@link
 * io.moraine.tsdb.index.BlockIndexReader} maps; {@link io.moraine.tsdb.index.PostingsForMatchers}
 * turns label matchers into a postings bitmap over any reader. The byte layout is specified in
 * {@code docs/format/index.md}.
 */
@NullMarked
package io.moraine.tsdb.index;

import org.jspecify.annotations.NullMarked;
