package io.wxpay4j.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The tests' side of the crypto, on Bouncy Castle's lightweight API: a second implementation, so
 * that the simulator's JDK-based signing, verifying and AES-GCM are checked against something they
 * do not share.
 */
final class TestCrypto {
  private TestCrypto() {}

  static String sign(PrivateKey key, String message) {
    try {
      RSADigestSigner signer = new RSADigestSigner(new SHA256Digest());
      signer.init(true, PrivateKeyFactory.createKey(key.getEncoded()));
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      signer.update(bytes, 0, bytes.length);
      return Base64.getEncoder().encodeToString(signer.generateSignature());
    } catch (IOException | CryptoException e) {
      throw new AssertionError(e);
    }
  }

  static boolean verify(PublicKey key, String message, String base64Signature) {
    try {
      RSADigestSigner signer = new RSADigestSigner(new SHA256Digest());
      signer.init(false, PublicKeyFactory.createKey(key.getEncoded()));
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      signer.update(bytes, 0, bytes.length);
      return signer.verifySignature(Base64.getDecoder().decode(base64Signature));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * RSA-OAEP (SHA-1, MGF1-SHA-1) encryption of a sensitive field, Base64: Bouncy Castle's engine,
   * not the JDK's {@code Cipher} that the simulator decrypts with.
   */
  static String encryptOaep(PublicKey key, String plaintext) {
    try {
      OAEPEncoding oaep =
          new OAEPEncoding(new RSAEngine(), new SHA1Digest(), new SHA1Digest(), null);
      oaep.init(
          true,
          new ParametersWithRandom(
              PublicKeyFactory.createKey(key.getEncoded()), new java.security.SecureRandom()));
      byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
      return Base64.getEncoder().encodeToString(oaep.processBlock(bytes, 0, bytes.length));
    } catch (IOException | InvalidCipherTextException e) {
      throw new AssertionError(e);
    }
  }

  static String decrypt(
      String apiV3Key, String nonce, String associatedData, String base64Ciphertext) {
    try {
      GCMBlockCipher cipher = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
      cipher.init(
          false,
          new AEADParameters(
              new KeyParameter(apiV3Key.getBytes(StandardCharsets.UTF_8)),
              128,
              nonce.getBytes(StandardCharsets.UTF_8),
              associatedData.getBytes(StandardCharsets.UTF_8)));
      byte[] input = Base64.getDecoder().decode(base64Ciphertext);
      byte[] output = new byte[cipher.getOutputSize(input.length)];
      int length = cipher.processBytes(input, 0, input.length, output, 0);
      length += cipher.doFinal(output, length);
      return new String(output, 0, length, StandardCharsets.UTF_8);
    } catch (InvalidCipherTextException e) {
      throw new AssertionError("GCM tag does not verify", e);
    }
  }
}
