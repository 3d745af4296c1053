package io.wxpay4j.fuzz;

import io.wxpay4j.auth.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Keys, the seed corpus and byte mutations for the fuzz properties. The "server" side signs and
 * encrypts with the JDK directly, never with the code under test; the keys are the TEST-ONLY
 * vectors.
 */
final class FuzzFixtures {
  static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0116571234562024052000123400000000";
  static final String MERCHANT_SERIAL = "3775B6A45ACD588826D15E583A95F5DD6A0D1D1F";
  static final String API_V3_KEY = "TESTONLYapiV3key0123456789abcdef";
  static final PrivateKey PLATFORM_PRIVATE =
      Pem.parsePrivateKey(resource("vectors/test-only-platform-key.pem"));
  static final PublicKey PLATFORM_PUBLIC =
      Pem.parsePublicKey(resource("vectors/test-only-platform-public-key.pem"));
  static final PrivateKey MERCHANT_PRIVATE =
      Pem.parsePrivateKey(resource("vectors/test-only-merchant-key.pem"));
  static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String TIMESTAMP = Long.toString(NOW.getEpochSecond());

  private FuzzFixtures() {}

  static String resource(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static byte[] bytes(String name) {
    try (InputStream in = FuzzFixtures.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The seed files of one corpus directory, {@code fuzz/corpus/<target>/}, listed in its {@code
   * index}.
   */
  static List<byte[]> corpus(String target) {
    List<byte[]> seeds = new ArrayList<>();
    for (String line : resource("fuzz/corpus/" + target + "/index").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        seeds.add(bytes("fuzz/corpus/" + target + "/" + line.trim()));
      }
    }
    return seeds;
  }

  /** Base64 SHA256withRSA over WeChat Pay's answer message, with the platform key. */
  static String sign(String timestamp, String nonce, byte[] body) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(PLATFORM_PRIVATE);
      signature.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
      signature.update(body);
      signature.update((byte) '\n');
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Base64 of AES-256-GCM ciphertext‖tag with the APIv3 key. */
  static String encrypt(String nonce, String associatedData, byte[] plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.US_ASCII), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * One edit of a byte string: what libFuzzer-style mutators do, drawn by jqwik (and shrunk by it).
   */
  static final class Mutation {
    final int kind;
    final int position;
    final int length;
    final byte[] data;

    Mutation(int kind, int position, int length, byte[] data) {
      this.kind = kind;
      this.position = position;
      this.length = length;
      this.data = data;
    }

    byte[] apply(byte[] input) {
      int at = input.length == 0 ? 0 : Math.floorMod(position, input.length + 1);
      int in = Math.min(at, Math.max(0, input.length - 1));
      byte[] out;
      switch (kind) {
        case 0: // flip one bit
          if (input.length == 0) {
            return data.clone();
          }
          out = input.clone();
          out[in] ^= (byte) (1 << Math.floorMod(length, 8));
          return out;
        case 1: // set one byte
          if (input.length == 0 || data.length == 0) {
            return data.clone();
          }
          out = input.clone();
          out[in] = data[0];
          return out;
        case 2: // insert bytes
          out = new byte[input.length + data.length];
          System.arraycopy(input, 0, out, 0, at);
          System.arraycopy(data, 0, out, at, data.length);
          System.arraycopy(input, at, out, at + data.length, input.length - at);
          return out;
        case 3: // delete a range
          int end = Math.min(input.length, at + length);
          out = new byte[input.length - (end - at)];
          System.arraycopy(input, 0, out, 0, at);
          System.arraycopy(input, end, out, at, input.length - end);
          return out;
        case 4: // truncate
          return Arrays.copyOf(input, at);
        case 5: // duplicate a range
          int stop = Math.min(input.length, at + length);
          byte[] chunk = Arrays.copyOfRange(input, at, stop);
          out = new byte[input.length + chunk.length];
          System.arraycopy(input, 0, out, 0, stop);
          System.arraycopy(chunk, 0, out, stop, chunk.length);
          System.arraycopy(input, stop, out, stop + chunk.length, input.length - stop);
          return out;
        default: // replace everything
          return data.clone();
      }
    }

    @Override
    public String toString() {
      return "Mutation{kind="
          + kind
          + ", position="
          + position
          + ", length="
          + length
          + ", data="
          + Arrays.toString(data)
          + "}";
    }
  }

  static Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 6),
            Arbitraries.integers().between(0, 1 << 16),
            Arbitraries.integers().between(1, 64),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
        .as(Mutation::new);
  }

  /** Mutations whose inserted bytes are printable ASCII, for header values. */
  static Arbitrary<Mutation> textMutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 6),
            Arbitraries.integers().between(0, 1 << 16),
            Arbitraries.integers().between(1, 64),
            Arbitraries.bytes().between((byte) 0x20, (byte) 0x7e).array(byte[].class).ofMaxSize(40))
        .as(Mutation::new);
  }

  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
