package io.wxpay4j.spring;

import io.wxpay4j.auth.PlatformCertificateVerifier;
import io.wxpay4j.auth.Verifier;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of every merchant, for Actuator (whichever Boot line's API): UP when each client has
 * its keys loaded (a signer and at least one WeChat Pay key) and, with platform certificates, at
 * least one that has not expired. The last verification failure is shown, not counted against
 * health: anyone on the internet can post a forged notification.
 */
final class WechatPayHealth {
  /** What Actuator shows: {@code up} or not, and the details. */
  record Report(boolean up, Map<String, Object> details) {}

  private final WechatPayClients clients;
  private final Clock clock;

  WechatPayHealth(WechatPayClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  Report report() {
    boolean up = true;
    Map<String, Object> details = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (WechatPayClients.Merchant merchant : clients.merchants()) {
      Map<String, Object> m = new LinkedHashMap<>();
      Verifier verifier = merchant.client().verifier();
      m.put("merchantId", merchant.client().merchantId());
      m.put("keysLoaded", !verifier.serials().isEmpty());
      m.put("verificationSerials", verifier.serials());
      up &= !verifier.serials().isEmpty();
      if (verifier instanceof PlatformCertificateVerifier certificates) {
        Map<String, Object> expiries = new LinkedHashMap<>();
        boolean fresh = false;
        for (Map.Entry<String, X509Certificate> c : certificates.certificates().entrySet()) {
          Instant notAfter = c.getValue().getNotAfter().toInstant();
          expiries.put(c.getKey(), notAfter.toString());
          fresh |= notAfter.isAfter(now);
        }
        m.put("platformCertificates", expiries);
        m.put("certificatesFresh", fresh);
        up &= fresh;
      }
      Observations.Failure failure = merchant.observations().lastVerificationFailure();
      if (failure != null) {
        m.put(
            "lastVerificationFailure",
            Map.of(
                "at", failure.at().toString(),
                "source", failure.source(),
                "reason", failure.reason()));
      }
      if (merchant.endpoint() != null) {
        m.put("notifyPath", merchant.endpoint().path());
      }
      details.put(merchant.name(), m);
    }
    return new Report(up, details);
  }
}
