package io.wxpay4j.auth;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One platform certificate trusted from a download, with the times WeChat Pay listed for it. */
final class TrustedCertificate {
  final String serial;
  final X509Certificate certificate;
  final Instant effective;
  final Instant expire;

  TrustedCertificate(
      String serial, X509Certificate certificate, Instant effective, Instant expire) {
    this.serial = serial;
    this.certificate = certificate;
    this.effective = effective;
    this.expire = expire;
  }

  boolean expiredAt(Instant now) {
    return !now.isBefore(expire);
  }

  boolean inEffect(Instant now) {
    return !now.isBefore(effective) && !expiredAt(now);
  }

  /** The certificates of {@code all} not expired at {@code now}, by serial, in their order. */
  static Map<String, TrustedCertificate> unexpired(
      Map<String, TrustedCertificate> all, Instant now) {
    Map<String, TrustedCertificate> result = new LinkedHashMap<>();
    for (TrustedCertificate t : all.values()) {
      if (!t.expiredAt(now)) {
        result.put(t.serial, t);
      }
    }
    return Collections.unmodifiableMap(result);
  }
}
