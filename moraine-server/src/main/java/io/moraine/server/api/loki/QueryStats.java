package io.moraine.server.api.loki;

import com.fasterxml.jackson.core.JsonGenerator;
import io.moraine.core.logs.LogReadStats;
import io.moraine.logs.logql.engine.QueryResult;
import java.io.IOException;

/**
 * Loki 2.9's {@code stats} object ({@code logqlmodel/stats.Result}) filled from one query's {@link
 * LogReadStats}: lines read from the in-memory head count as Loki's ingester figures, lines
 * decompressed from stored blocks as its querier (store) figures. Caches, queue time, splits and
 * shards do not exist in Moraine and are zero.
 *
 * @param read the store's and engine's figures
 * @param execNanos the wall time of the evaluation
 * @param entriesReturned entries (log queries) or series/samples (metric queries) returned
 */
record QueryStats(LogReadStats read, long execNanos, long entriesReturned) {
  static QueryStats of(LogReadStats read, long execNanos, QueryResult result) {
    return new QueryStats(read, execNanos, returned(result));
  }

  static long returned(QueryResult r) {
    return switch (r) {
      case QueryResult.Streams s -> {
        long n = 0;
        for (QueryResult.Stream st : s.streams()) {
          n += st.entries().size();
        }
        yield n;
      }
      case QueryResult.Matrix m -> m.series().size();
      case QueryResult.Vector v -> v.samples().size();
      case QueryResult.Scalar s -> 1;
    };
  }

  long totalBytes() {
    return read.decompressedBytes + read.headBytes;
  }

  long totalLines() {
    return read.decompressedLines + read.headLines;
  }

  void write(JsonGenerator g) throws IOException {
    double execSeconds = execNanos / 1e9;
    g.writeStartObject();
    g.writeObjectFieldStart("summary");
    g.writeNumberField("bytesProcessedPerSecond", perSecond(totalBytes(), execSeconds));
    g.writeNumberField("linesProcessedPerSecond", perSecond(totalLines(), execSeconds));
    g.writeNumberField("totalBytesProcessed", totalBytes());
    g.writeNumberField("totalLinesProcessed", totalLines());
    g.writeNumberField("execTime", execSeconds);
    g.writeNumberField("queueTime", 0);
    g.writeNumberField("subqueries", 0);
    g.writeNumberField("totalEntriesReturned", entriesReturned);
    g.writeNumberField("splits", 0);
    g.writeNumberField("shards", 0);
    g.writeNumberField("totalPostFilterLines", 0);
    g.writeNumberField("totalStructuredMetadataBytesProcessed", 0);
    g.writeEndObject();
    g.writeObjectFieldStart("querier");
    writeStore(g, read.blocksDecompressed + read.blocksSkipped, read.blocksDecompressed, false);
    g.writeEndObject();
    g.writeObjectFieldStart("ingester");
    g.writeNumberField("totalReached", read.headLines > 0 ? 1 : 0);
    g.writeNumberField("totalChunksMatched", 0);
    g.writeNumberField("totalBatches", 0);
    g.writeNumberField("totalLinesSent", read.headLines);
    writeStore(g, 0, 0, true);
    g.writeEndObject();
    g.writeObjectFieldStart("cache");
    for (String c : new String[] {"chunk", "index", "result", "statsResult"}) {
      writeCache(g, c);
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private void writeStore(JsonGenerator g, long refs, long downloaded, boolean head)
      throws IOException {
    g.writeObjectFieldStart("store");
    g.writeNumberField("totalChunksRef", refs);
    g.writeNumberField("totalChunksDownloaded", downloaded);
    g.writeNumberField("chunksDownloadTime", 0);
    g.writeObjectFieldStart("chunk");
    g.writeNumberField("headChunkBytes", head ? read.headBytes : 0);
    g.writeNumberField("headChunkLines", head ? read.headLines : 0);
    g.writeNumberField("decompressedBytes", head ? 0 : read.decompressedBytes);
    g.writeNumberField("decompressedLines", head ? 0 : read.decompressedLines);
    g.writeNumberField("compressedBytes", head ? 0 : read.compressedBytes);
    g.writeNumberField("totalDuplicates", 0);
    g.writeNumberField("postFilterLines", 0);
    g.writeNumberField("headChunkStructuredMetadataBytes", 0);
    g.writeNumberField("decompressedStructuredMetadataBytes", 0);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeCache(JsonGenerator g, String name) throws IOException {
    g.writeObjectFieldStart(name);
    for (String f :
        new String[] {
          "entriesFound",
          "entriesRequested",
          "entriesStored",
          "bytesReceived",
          "bytesSent",
          "requests",
          "downloadTime"
        }) {
      g.writeNumberField(f, 0);
    }
    g.writeEndObject();
  }

  private static long perSecond(long n, double seconds) {
    return seconds <= 0 ? 0 : (long) (n / seconds);
  }
}
