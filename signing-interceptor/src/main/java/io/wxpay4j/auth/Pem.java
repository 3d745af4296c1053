package io.wxpay4j.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * Loads the PEM files WeChat Pay hands out: the merchant API private key ({@code
 * apiclient_key.pem}, PKCS#8 or PKCS#1), the merchant API certificate ({@code apiclient_cert.pem},
 * for its serial number) and the WeChat Pay public key ({@code pub_key.pem}).
 *
 * <pre>{@code
 * PrivateKey key = Pem.readPrivateKey(Path.of("apiclient_key.pem"));
 * String serial = Pem.serialNumber(Pem.readCertificate(Path.of("apiclient_cert.pem")));
 * PublicKey wechatPayKey = Pem.readPublicKey(Path.of("pub_key.pem"));
 * }</pre>
 *
 * <p>One naming scheme for the three kinds ({@code X} is {@code PrivateKey}, {@code PublicKey} or
 * {@code Certificate}): the verb says where the PEM comes from, and whether I/O happens.
 *
 * <ul>
 *   <li>{@code readX(Path file)}: a file;
 *   <li>{@code readXResource(String resource)}: a class path resource, e.g. {@code
 *       "keys/apiclient_key.pem"} (a leading {@code /} is ignored);
 *   <li>{@code parseX(String pem)}: PEM text already in memory, e.g. from a secret store.
 * </ul>
 *
 * <p>A wrong input fails at once with an {@link IllegalArgumentException} naming what was found and
 * what was expected (a certificate passed as a key, an encrypted key, a non-RSA key); an unreadable
 * file fails with an {@link UncheckedIOException} naming the path. Messages never contain key
 * material. Only RSA keys are accepted (国密 SM2 is not supported).
 *
 * <p>The files as WeChat Pay and OpenSSL write them (one {@code PRIVATE KEY}, {@code PUBLIC KEY} or
 * {@code CERTIFICATE} block) are read by the JDK alone; Bouncy Castle reads everything else (PKCS#1
 * {@code RSA PRIVATE KEY}, several blocks, headers) and names what a wrong input holds. A program's
 * first client thus does not wait for the Bouncy Castle jars to be loaded and their signatures
 * checked.
 */
public final class Pem {
  private Pem() {}

  /**
   * Reads an RSA private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}) from a
   * file.
   */
  public static PrivateKey readPrivateKey(Path path) {
    return privateKeyIn(read(path), "file " + path);
  }

  /** Reads an RSA private key from a classpath resource, e.g. {@code "keys/apiclient_key.pem"}. */
  public static PrivateKey readPrivateKeyResource(String resource) {
    return privateKeyIn(readResource(resource), "classpath resource " + resource);
  }

  /** Parses an RSA private key from PEM text, e.g. from a secret store. */
  public static PrivateKey parsePrivateKey(String pem) {
    Objects.requireNonNull(pem, "pem == null");
    return privateKeyIn(pem, "PEM text");
  }

  /** Reads an RSA public key ({@code PUBLIC KEY}, e.g. the WeChat Pay public key) from a file. */
  public static PublicKey readPublicKey(Path path) {
    return publicKeyIn(read(path), "file " + path);
  }

  /** Reads an RSA public key from a classpath resource. */
  public static PublicKey readPublicKeyResource(String resource) {
    return publicKeyIn(readResource(resource), "classpath resource " + resource);
  }

  /** Parses an RSA public key from PEM text. */
  public static PublicKey parsePublicKey(String pem) {
    Objects.requireNonNull(pem, "pem == null");
    return publicKeyIn(pem, "PEM text");
  }

  /** Reads an X.509 certificate ({@code CERTIFICATE}) from a file. */
  public static X509Certificate readCertificate(Path path) {
    return certificateIn(read(path), "file " + path);
  }

  /** Reads an X.509 certificate from a classpath resource. */
  public static X509Certificate readCertificateResource(String resource) {
    return certificateIn(readResource(resource), "classpath resource " + resource);
  }

  /** Parses an X.509 certificate from PEM text. */
  public static X509Certificate parseCertificate(String pem) {
    Objects.requireNonNull(pem, "pem == null");
    return certificateIn(pem, "PEM text");
  }

  /**
   * Returns the certificate's serial number as upper-case hex without leading zeros, the form
   * WeChat Pay uses for {@code serial_no} and {@code Wechatpay-Serial}.
   */
  public static String serialNumber(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate == null");
    return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
  }

  private static PrivateKey privateKeyIn(String pem, String source) {
    byte[] der = onlyBlock(pem, "PRIVATE KEY");
    if (der != null) {
      try {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException notRsaOrDamaged) {
        // Bouncy Castle names what it is
      }
    }
    return BouncyCastle.privateKeyIn(pem, source);
  }

  private static PublicKey publicKeyIn(String pem, String source) {
    byte[] der = onlyBlock(pem, "PUBLIC KEY");
    if (der != null) {
      try {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException notRsaOrDamaged) {
        // Bouncy Castle names what it is
      }
    }
    return BouncyCastle.publicKeyIn(pem, source);
  }

  private static X509Certificate certificateIn(String pem, String source) {
    byte[] der = onlyBlock(pem, "CERTIFICATE");
    if (der != null) {
      try {
        return (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
      } catch (CertificateException | RuntimeException damaged) {
        // Bouncy Castle says what is wrong
      }
    }
    return BouncyCastle.certificateIn(pem, source);
  }

  /**
   * The DER of {@code pem} when it is exactly one PEM block labelled {@code label} (its markers at
   * the start of a line, only whitespace after it), without headers, its Base64 well-formed: the
   * files WeChat Pay and OpenSSL write. Null for anything else, which Bouncy Castle then reads,
   * describes or refuses.
   */
  static byte @Nullable [] onlyBlock(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int start = pem.indexOf("-----");
    if (start < 0
        || !pem.startsWith(begin, start)
        || (start > 0 && pem.charAt(start - 1) != '\n')) {
      return null;
    }
    int from = start + begin.length();
    int stop = pem.indexOf("-----", from);
    if (stop < 0 || !pem.startsWith(end, stop) || pem.charAt(stop - 1) != '\n') {
      return null;
    }
    if (!pem.substring(stop + end.length()).isBlank()) {
      return null;
    }
    StringBuilder base64 = new StringBuilder(stop - from);
    for (int i = from; i < stop; i++) {
      char c = pem.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        base64.append(c);
      }
    }
    try {
      return Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException notBase64OrHeaders) {
      return null;
    }
  }

  /**
   * The Bouncy Castle reader, for every input {@link #onlyBlock} leaves out; a class of its own so
   * that the JDK path loads none of Bouncy Castle.
   */
  private static final class BouncyCastle {
    private BouncyCastle() {}

    static PrivateKey privateKeyIn(String pem, String source) {
      List<String> found = new ArrayList<>();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o : objects(pem, source)) {
        PrivateKey key = null;
        try {
          if (o instanceof PrivateKeyInfo) {
            key = converter.getPrivateKey((PrivateKeyInfo) o);
          } else if (o instanceof PEMKeyPair) {
            KeyPair pair = converter.getKeyPair((PEMKeyPair) o);
            key = pair.getPrivate();
          }
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read the private key in " + source + ": the key data is damaged", e);
        }
        if (key != null) {
          if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException(
                "expected an RSA private key in "
                    + source
                    + " but found a "
                    + key.getAlgorithm()
                    + " private key; WeChat Pay's WECHATPAY2-SHA256-RSA2048 needs the RSA"
                    + " apiclient_key.pem");
          }
          return key;
        }
        found.add(describe(o));
      }
      throw new IllegalArgumentException(
          "expected an unencrypted RSA private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA"
              + " PRIVATE KEY-----, the merchant's apiclient_key.pem) in "
              + source
              + " but found "
              + foundText(found)
              + hint(found));
    }

    static PublicKey publicKeyIn(String pem, String source) {
      List<String> found = new ArrayList<>();
      for (Object o : objects(pem, source)) {
        if (o instanceof SubjectPublicKeyInfo) {
          PublicKey key;
          try {
            key = new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) o);
          } catch (IOException e) {
            throw new IllegalArgumentException(
                "cannot read the public key in " + source + ": the key data is damaged", e);
          }
          if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException(
                "expected an RSA public key in "
                    + source
                    + " but found a "
                    + key.getAlgorithm()
                    + " public key");
          }
          return key;
        }
        found.add(describe(o));
      }
      throw new IllegalArgumentException(
          "expected an RSA public key (-----BEGIN PUBLIC KEY-----, e.g. the WeChat Pay public key"
              + " pub_key.pem) in "
              + source
              + " but found "
              + foundText(found)
              + hint(found));
    }

    static X509Certificate certificateIn(String pem, String source) {
      List<String> found = new ArrayList<>();
      for (Object o : objects(pem, source)) {
        if (o instanceof X509CertificateHolder) {
          try {
            byte[] der = ((X509CertificateHolder) o).getEncoded();
            return (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
          } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(
                "cannot read the certificate in " + source + ": the certificate data is damaged",
                e);
          }
        }
        found.add(describe(o));
      }
      throw new IllegalArgumentException(
          "expected an X.509 certificate (-----BEGIN CERTIFICATE-----, e.g. apiclient_cert.pem) in "
              + source
              + " but found "
              + foundText(found)
              + hint(found));
    }

    private static List<Object> objects(String pem, String source) {
      List<Object> result = new ArrayList<>();
      try (PEMParser parser = new PEMParser(new StringReader(pem))) {
        for (Object o; (o = parser.readObject()) != null; ) {
          result.add(o);
        }
      } catch (IOException e) {
        // Bouncy Castle's message names the PEM type or the Base64 problem, never the content.
        throw new IllegalArgumentException(
            "cannot parse the PEM data in " + source + ": " + e.getMessage(), e);
      }
      return result;
    }

    private static String describe(Object o) {
      if (o instanceof X509CertificateHolder) {
        return "a certificate (-----BEGIN CERTIFICATE-----)";
      } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
        return "an encrypted private key";
      } else if (o instanceof SubjectPublicKeyInfo) {
        return "a public key (-----BEGIN PUBLIC KEY-----)";
      } else if (o instanceof PrivateKeyInfo || o instanceof PEMKeyPair) {
        return "a private key";
      } else if (o instanceof PKCS10CertificationRequest) {
        return "a certificate request (-----BEGIN CERTIFICATE REQUEST-----)";
      }
      return "a PEM object of type " + o.getClass().getSimpleName();
    }

    private static String foundText(List<String> found) {
      return found.isEmpty()
          ? "no PEM block (the text must contain a -----BEGIN ...----- line)"
          : String.join(", ", found);
    }

    private static String hint(List<String> found) {
      if (found.contains("an encrypted private key")) {
        return "; decrypt it first, e.g. `openssl pkey -in encrypted.pem -out apiclient_key.pem`";
      }
      if (found.contains("a certificate (-----BEGIN CERTIFICATE-----)")) {
        return "; a certificate was passed where a key was expected (apiclient_cert.pem vs"
            + " apiclient_key.pem?)";
      }
      return "";
    }
  }

  private static String read(Path path) {
    Objects.requireNonNull(path, "path == null");
    try {
      return Files.readString(path, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read PEM file " + path, e);
    }
  }

  private static String readResource(String resource) {
    Objects.requireNonNull(resource, "resource == null");
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Pem.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("classpath resource " + resource + " not found"));
      }
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }
}
