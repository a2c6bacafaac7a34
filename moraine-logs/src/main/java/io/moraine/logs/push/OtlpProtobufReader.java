package io.moraine.logs.push;

import io.moraine.logs.push.OtlpModel.Attr;
import io.moraine.logs.push.OtlpModel.KvList;
import io.moraine.logs.push.OtlpModel.Rec;
import io.moraine.logs.push.OtlpModel.Resource;
import io.moraine.logs.push.OtlpModel.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OTLP {@code ExportLogsServiceRequest} in protobuf (opentelemetry-proto {@code logs/v1}):
 * request {@code resource_logs = 1}; ResourceLogs {@code resource = 1}, {@code scope_logs = 2};
 * Resource {@code attributes = 1}; ScopeLogs {@code scope = 1}, {@code log_records = 2};
 * InstrumentationScope {@code name = 1}, {@code version = 2}, {@code attributes = 3}, {@code
 * dropped_attributes_count = 4}; LogRecord {@code time_unix_nano = 1} (fixed64), {@code
 * severity_number = 2}, {@code severity_text = 3}, {@code body = 5}, {@code attributes = 6}, {@code
 * dropped_attributes_count = 7}, {@code flags = 8} (fixed32), {@code trace_id = 9}, {@code span_id
 * = 10}, {@code observed_time_unix_nano = 11} (fixed64); KeyValue {@code key = 1}, {@code value =
 * 2}; AnyValue {@code string = 1, bool = 2, int = 3, double = 4, array = 5, kvlist = 6, bytes = 7}.
 */
final class OtlpProtobufReader {
  private OtlpProtobufReader() {}

  static List<Resource> read(byte[] body, int offset, int length) {
    ProtoReader r = new ProtoReader(body, offset, length);
    List<Resource> out = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag >>> 3 == 1) {
        try {
          ProtoReader.expect(tag, ProtoReader.LEN, "resource_logs");
          out.add(resourceLogs(r.readMessage()));
        } catch (InvalidPushException e) {
          throw e.at("resource_logs[" + out.size() + "]");
        }
      } else {
        r.skipField(tag);
      }
    }
    return out;
  }

  private static Resource resourceLogs(ProtoReader r) {
    List<Attr> attrs = new ArrayList<>();
    List<Scope> scopes = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          ProtoReader res = r.readMessage();
          while (res.hasMore()) {
            int t = res.readTag();
            if (t >>> 3 == 1) {
              attrs.add(keyValue(res.readMessage()));
            } else {
              res.skipField(t);
            }
          }
        }
        case 2 -> {
          try {
            scopes.add(scopeLogs(r.readMessage()));
          } catch (InvalidPushException e) {
            throw e.at("scope_logs[" + scopes.size() + "]");
          }
        }
        default -> r.skipField(tag);
      }
    }
    return new Resource(attrs, scopes);
  }

  private static Scope scopeLogs(ProtoReader r) {
    String name = "";
    String version = "";
    long dropped = 0;
    List<Attr> attrs = new ArrayList<>();
    List<Rec> recs = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          ProtoReader s = r.readMessage();
          while (s.hasMore()) {
            int t = s.readTag();
            switch (t >>> 3) {
              case 1 -> name = s.readString();
              case 2 -> version = s.readString();
              case 3 -> attrs.add(keyValue(s.readMessage()));
              case 4 -> dropped = s.readVarint();
              default -> s.skipField(t);
            }
          }
        }
        case 2 -> {
          try {
            recs.add(logRecord(r.readMessage()));
          } catch (InvalidPushException e) {
            throw e.at("log_records[" + recs.size() + "]");
          }
        }
        default -> r.skipField(tag);
      }
    }
    return new Scope(name, version, attrs, dropped, recs);
  }

  private static Rec logRecord(ProtoReader r) {
    long time = 0;
    long observed = 0;
    int sevNum = 0;
    String sevText = "";
    Object body = null;
    List<Attr> attrs = new ArrayList<>();
    long dropped = 0;
    long flags = 0;
    byte[] trace = new byte[0];
    byte[] span = new byte[0];
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          ProtoReader.expect(tag, ProtoReader.FIXED64, "time_unix_nano");
          time = r.readFixed64();
        }
        case 2 -> sevNum = (int) r.readVarint();
        case 3 -> sevText = r.readString();
        case 5 -> body = anyValue(r.readMessage());
        case 6 -> attrs.add(keyValue(r.readMessage()));
        case 7 -> dropped = r.readVarint();
        case 8 -> {
          ProtoReader.expect(tag, ProtoReader.FIXED32, "flags");
          flags = r.readFixed32() & 0xFFFFFFFFL;
        }
        case 9 -> trace = bytes(r);
        case 10 -> span = bytes(r);
        case 11 -> {
          ProtoReader.expect(tag, ProtoReader.FIXED64, "observed_time_unix_nano");
          observed = r.readFixed64();
        }
        default -> r.skipField(tag);
      }
    }
    return new Rec(time, observed, sevNum, sevText, body, attrs, dropped, flags, trace, span);
  }

  private static Attr keyValue(ProtoReader r) {
    String key = "";
    Object value = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> key = r.readString();
        case 2 -> value = anyValue(r.readMessage());
        default -> r.skipField(tag);
      }
    }
    return new Attr(key, value);
  }

  private static @Nullable Object anyValue(ProtoReader r) {
    Object v = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      v =
          switch (tag >>> 3) {
            case 1 -> r.readString();
            case 2 -> r.readVarint() != 0;
            case 3 -> r.readVarint();
            case 4 -> {
              ProtoReader.expect(tag, ProtoReader.FIXED64, "double_value");
              yield Double.longBitsToDouble(r.readFixed64());
            }
            case 5 -> list(r.readMessage());
            case 6 -> new KvList(kvList(r.readMessage()));
            case 7 -> bytes(r);
            default -> {
              r.skipField(tag);
              yield v;
            }
          };
    }
    return v;
  }

  private static List<Object> list(ProtoReader r) {
    List<Object> out = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag >>> 3 == 1) {
        Object v = anyValue(r.readMessage());
        out.add(v == null ? "" : v);
      } else {
        r.skipField(tag);
      }
    }
    return out;
  }

  private static List<Attr> kvList(ProtoReader r) {
    List<Attr> out = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag >>> 3 == 1) {
        out.add(keyValue(r.readMessage()));
      } else {
        r.skipField(tag);
      }
    }
    return out;
  }

  private static byte[] bytes(ProtoReader r) {
    int n = r.readLength();
    int at = r.pos();
    r.skip(n);
    return Arrays.copyOfRange(r.buffer(), at, at + n);
  }
}
