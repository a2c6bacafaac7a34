package io.moraine.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys from PEM files as Go's {@code tls.X509KeyPair} takes them: PKCS#8 ({@code PRIVATE
 * KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC 1 EC ({@code EC PRIVATE KEY}); the last two
 * are wrapped into PKCS#8 for the JDK's {@link KeyFactory}. Stateless.
 */
final class PemKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** AlgorithmIdentifier of rsaEncryption with NULL parameters. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** OID 1.2.840.10045.2.1 (id-ecPublicKey), DER encoded. */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private PemKeys() {}

  /**
   * The first private key of {@code file}.
   *
   * @throws IOException naming the file when it cannot be read or holds no usable key
   */
  static PrivateKey read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      if (!type.endsWith("PRIVATE KEY")) {
        continue;
      }
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      try {
        return switch (type) {
          case "PRIVATE KEY" -> pkcs8(der);
          case "RSA PRIVATE KEY" ->
              KeyFactory.getInstance("RSA")
                  .generatePrivate(new PKCS8EncodedKeySpec(wrap(RSA_ALGORITHM, der)));
          case "EC PRIVATE KEY" ->
              KeyFactory.getInstance("EC")
                  .generatePrivate(new PKCS8EncodedKeySpec(wrap(ecAlgorithm(der), der)));
          default -> throw new IOException(file + ": unsupported key type \"" + type + "\"");
        };
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new IOException(file + ": invalid " + type + ": " + e.getMessage(), e);
      }
    }
    throw new IOException(file + ": no PEM private key found");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new java.security.spec.InvalidKeySpecException("not an RSA, EC or Ed25519 key");
  }

  /** PrivateKeyInfo: SEQUENCE { INTEGER 0, algorithm, OCTET STRING key }. */
  private static byte[] wrap(byte[] algorithm, byte[] key) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = tlv(0x04, key);
    return tlv(0x30, concat(version, algorithm, octets));
  }

  /**
   * id-ecPublicKey with the curve of a SEC 1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING key,
   * [0] OID curve, [1] public key }.
   */
  private static byte[] ecAlgorithm(byte[] sec1) {
    int[] pos = {0};
    expect(sec1, pos, 0x30);
    length(sec1, pos);
    while (pos[0] < sec1.length) {
      int tag = sec1[pos[0]++] & 0xff;
      int len = length(sec1, pos);
      if (tag == 0xa0) {
        byte[] curve = Arrays.copyOfRange(sec1, pos[0], pos[0] + len);
        return tlv(0x30, concat(EC_PUBLIC_KEY_OID, curve));
      }
      pos[0] += len;
    }
    throw new IllegalArgumentException("EC key without its curve parameters");
  }

  private static void expect(byte[] b, int[] pos, int tag) {
    if (pos[0] >= b.length || (b[pos[0]++] & 0xff) != tag) {
      throw new IllegalArgumentException("malformed DER");
    }
  }

  private static int length(byte[] b, int[] pos) {
    int first = b[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int n = first & 0x7f;
    int len = 0;
    for (int i = 0; i < n; i++) {
      len = (len << 8) | (b[pos[0]++] & 0xff);
    }
    if (n > 3 || len < 0 || pos[0] + len > b.length) {
      throw new IllegalArgumentException("malformed DER length");
    }
    return len;
  }

  private static byte[] tlv(int tag, byte[] value) {
    int n = value.length;
    byte[] len =
        n < 0x80
            ? new byte[] {(byte) n}
            : n < 0x100
                ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000
                    ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                    : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    return concat(new byte[] {(byte) tag}, len, value);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
