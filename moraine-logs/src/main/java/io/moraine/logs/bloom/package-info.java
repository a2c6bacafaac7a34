/**
 * The per-block token filter: a Bloom filter over 4-grams of token bytes that can prove a needle
 * absent from a block, never present.
 */
@NullMarked
package io.moraine.logs.bloom;

import org.jspecify.annotations.NullMarked;
