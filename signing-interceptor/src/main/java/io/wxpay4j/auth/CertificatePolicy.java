package io.wxpay4j.auth;

import io.wxpay4j.internal.ServerText;
import io.wxpay4j.internal.SignatureCheck;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a downloaded platform certificate must be, beyond decrypting and matching its listed serial,
 * before it is trusted: an RSA key of {@value #MIN_KEY_BITS} bits or more, valid now (within the
 * clock skew), and, with issuers pinned, chained to one of them.
 */
final class CertificatePolicy {
  /** The smallest RSA key a platform certificate may carry. */
  static final int MIN_KEY_BITS = 2048;

  /**
   * How far a certificate's {@code notBefore} may lie ahead of the local clock (the same tolerance
   * as the signature window): further, and it is not trusted yet.
   */
  static final Duration NOT_BEFORE_TOLERANCE = Duration.ofSeconds(SignatureCheck.MAX_SKEW_SECONDS);

  private final Clock clock;
  private final Set<TrustAnchor> issuers;

  /**
   * @param issuers the CA certificates every certificate must chain to; empty for none
   */
  CertificatePolicy(Clock clock, List<X509Certificate> issuers) {
    this.clock = clock;
    Set<TrustAnchor> anchors = new LinkedHashSet<>();
    for (X509Certificate issuer : issuers) {
      anchors.add(new TrustAnchor(issuer, null));
    }
    this.issuers = Collections.unmodifiableSet(anchors);
  }

  /**
   * Why {@code t} must not be trusted although it decrypted and its serial matches, or null: an RSA
   * key under {@value #MIN_KEY_BITS} bits or not RSA at all, a {@code notBefore} ahead of the
   * clock, or, with issuers pinned, no valid chain to one of them.
   */
  @Nullable String refusal(TrustedCertificate t) {
    X509Certificate certificate = t.certificate;
    PublicKey key = certificate.getPublicKey();
    if (!(key instanceof RSAPublicKey)) {
      return "certificate " + t.serial + " has a " + key.getAlgorithm() + " key, not RSA";
    }
    int bits = ((RSAPublicKey) key).getModulus().bitLength();
    if (bits < MIN_KEY_BITS) {
      return "certificate "
          + t.serial
          + " has a "
          + bits
          + "-bit RSA key, fewer than the "
          + MIN_KEY_BITS
          + " required";
    }
    Instant now = clock.instant();
    Instant notBefore = certificate.getNotBefore().toInstant();
    if (notBefore.isAfter(now.plus(NOT_BEFORE_TOLERANCE))) {
      return "certificate "
          + t.serial
          + " is not valid before "
          + notBefore
          + ", later than now ("
          + now
          + "); check this machine's clock";
    }
    if (!issuers.isEmpty()) {
      try {
        PKIXParameters parameters = new PKIXParameters(issuers);
        parameters.setRevocationEnabled(false); // WeChat Pay publishes no revocation for these
        parameters.setDate(Date.from(now));
        CertPathValidator.getInstance("PKIX")
            .validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)),
                parameters);
      } catch (GeneralSecurityException e) {
        return "certificate "
            + t.serial
            + " (issuer "
            + ServerText.clean(
                certificate.getIssuerX500Principal().getName(), ServerText.VALUE_LIMIT)
            + ") does not chain to a pinned issuer: "
            + ServerText.clean(String.valueOf(e.getMessage()), ServerText.VALUE_LIMIT);
      }
    }
    return null;
  }

  /** A certificate serial: 1 to 40 hexadecimal digits (at most 20 bytes, RFC 5280). */
  static boolean isHexSerial(String serial) {
    if (serial.isEmpty() || serial.length() > 40) {
      return false;
    }
    for (int i = 0; i < serial.length(); i++) {
      char c = serial.charAt(i);
      if ((c < '0' || c > '9') && (c < 'A' || c > 'F')) { // upper-cased by the caller
        return false;
      }
    }
    return true;
  }
}
