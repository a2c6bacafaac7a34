package io.moraine.ingest.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireReaderTest {
  /** Hand-written wire bytes. */
  private static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes varint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) (v & 0x7F) | 0x80);
        v >>>= 7;
      }
      out.write((int) v);
      return this;
    }

    Bytes tag(int field, int wire) {
      return varint((long) field << 3 | wire);
    }

    Bytes raw(int... bs) {
      for (int b : bs) {
        out.write(b);
      }
      return this;
    }

    Bytes fixed64(long v) {
      for (int i = 0; i < 8; i++) {
        out.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    Bytes message(int field, Bytes m) {
      byte[] b = m.bytes();
      tag(field, WireReader.LENGTH_DELIMITED).varint(b.length);
      out.writeBytes(b);
      return this;
    }

    Bytes string(int field, String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      tag(field, WireReader.LENGTH_DELIMITED).varint(b.length);
      out.writeBytes(b);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  private static WireReader reader(Bytes b) {
    byte[] a = b.bytes();
    return new WireReader(a, 0, a.length);
  }

  @Test
  void readsNestedMessagesAndSkipsUnknownFieldsOfEveryWireType() {
    Bytes inner =
        new Bytes()
            .tag(1, WireReader.FIXED64)
            .fixed64(Double.doubleToLongBits(2.5))
            .tag(9, WireReader.FIXED32)
            .raw(1, 2, 3, 4)
            .tag(2, WireReader.VARINT)
            .varint(-7L);
    Bytes outer =
        new Bytes()
            .tag(7, WireReader.VARINT)
            .varint(300)
            .message(3, inner)
            .tag(8, WireReader.START_GROUP)
            .tag(1, WireReader.VARINT)
            .varint(1)
            .tag(2, WireReader.START_GROUP)
            .tag(2, WireReader.END_GROUP)
            .tag(8, WireReader.END_GROUP)
            .string(6, "an unknown length-delimited field")
            .string(4, "héllo");
    WireReader r = reader(outer);
    double v = 0;
    long t = 0;
    String s = null;
    int innerFields = 0;
    while (r.next()) {
      switch (r.field()) {
        case 3 -> {
          int limit = r.enter();
          while (r.next()) {
            innerFields++;
            switch (r.field()) {
              case 1 -> v = r.fixed64AsDouble();
              case 2 -> t = r.varint();
              default -> r.skip();
            }
          }
          r.exit(limit);
        }
        case 4 -> {
          int n = r.length();
          s = new String(r.array(), r.position(), n, StandardCharsets.UTF_8);
          r.seek(r.position() + n);
        }
        default -> r.skip();
      }
    }
    assertThat(v).isEqualTo(2.5);
    assertThat(t).isEqualTo(-7L);
    assertThat(innerFields).isEqualTo(3);
    assertThat(s).isEqualTo("héllo");
    assertThat(r.position()).isEqualTo(outer.bytes().length);
  }

  @Test
  void aNestedMessageEndsAtItsLengthNotAtTheEndOfInput() {
    WireReader r =
        reader(
            new Bytes()
                .message(1, new Bytes().tag(1, WireReader.VARINT).varint(5))
                .tag(2, WireReader.VARINT)
                .varint(6));
    assertThat(r.next()).isTrue();
    int limit = r.enter();
    assertThat(r.next()).isTrue();
    assertThat(r.varint()).isEqualTo(5);
    assertThat(r.next()).isFalse();
    r.exit(limit);
    assertThat(r.next()).isTrue();
    assertThat(r.field()).isEqualTo(2);
    assertThat(r.varint()).isEqualTo(6);
  }

  @Test
  void truncatedInputIsAClearError() {
    byte[] whole =
        new Bytes().tag(1, WireReader.FIXED64).fixed64(Double.doubleToLongBits(1.0)).bytes();
    WireReader r = new WireReader(whole, 0, whole.length - 3);
    assertThat(r.next()).isTrue();
    assertThatThrownBy(r::fixed64)
        .isInstanceOf(WireFormatException.class)
        .hasMessage("unexpected EOF: truncated input while reading 8 bytes of a fixed64 at byte 1");

    WireReader s = reader(new Bytes().tag(1, WireReader.LENGTH_DELIMITED).varint(10).raw(1, 2));
    s.next();
    assertThatThrownBy(s::enter)
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unexpected EOF")
        .hasMessageContaining("10 bytes of a length-delimited field (2 left)");

    WireReader u = reader(new Bytes().tag(1, WireReader.VARINT).raw(0x80, 0x80));
    u.next();
    assertThatThrownBy(u::varint).hasMessageContaining("truncated input while reading a varint");
  }

  @Test
  void malformedTagsLengthsAndVarintsAreRefused() {
    assertThatThrownBy(() -> reader(new Bytes().raw(0x00, 0x01)).next())
        .isInstanceOf(WireFormatException.class)
        .hasMessage("illegal tag 0 (wire type 0) at byte 0");
    assertThatThrownBy(() -> reader(new Bytes().tag(1, 7)).next())
        .hasMessage("illegal wire type 7 for field 1 at byte 0");
    WireReader negative =
        reader(new Bytes().tag(1, WireReader.LENGTH_DELIMITED).varint(-1L).raw(0));
    negative.next();
    assertThatThrownBy(negative::length).hasMessageStartingWith("negative or too large length");
    WireReader longVarint =
        reader(
            new Bytes()
                .tag(1, 0)
                .raw(new int[] {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
    longVarint.next();
    assertThatThrownBy(longVarint::varint).hasMessage("varint longer than 10 bytes at byte 1");
    WireReader loneEnd = reader(new Bytes().tag(5, WireReader.END_GROUP));
    loneEnd.next();
    assertThatThrownBy(loneEnd::skip).hasMessageContaining("end group without a start group");
    WireReader wrong = reader(new Bytes().tag(2, WireReader.VARINT).varint(1));
    wrong.next();
    assertThatThrownBy(() -> wrong.expect(WireReader.FIXED64, "Sample.value"))
        .hasMessageStartingWith("wrong wire type 0 for field Sample.value (want 1)");
  }

  @Test
  void deeplyNestedGroupsAreRefusedNotOverflowingTheStack() {
    Bytes b = new Bytes();
    for (int i = 0; i < 10_000; i++) {
      b.tag(1, WireReader.START_GROUP);
    }
    WireReader r = reader(b);
    r.next();
    assertThatThrownBy(r::skip).hasMessageStartingWith("groups nested deeper than 100");
  }
}
