package io.wxpay4j.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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

  private static PublicKey publicKeyIn(String pem, String source) {
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

  private static X509Certificate certificateIn(String pem, String source) {
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
              "cannot read the certificate in " + source + ": the certificate data is damaged", e);
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
