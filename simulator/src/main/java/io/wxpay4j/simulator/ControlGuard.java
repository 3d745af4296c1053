package io.wxpay4j.simulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Keeps web pages out of the control API ({@code /simulator/…}). The simulator runs on a
 * developer's machine while a browser visits any web site, and a page can make the browser send
 * requests to {@code 127.0.0.1}. Two attacks, two checks:
 *
 * <ul>
 *   <li><b>DNS rebinding.</b> A page on {@code attacker.example} points its own name at {@code
 *       127.0.0.1}; the browser then treats the simulator as that page's origin and lets it read
 *       the answers. Its requests still carry {@code Host: attacker.example}, so every control
 *       request must name a loopback host ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}, any
 *       port).
 *   <li><b>Cross-site requests.</b> A form or a "simple" {@code fetch} on any site can POST to the
 *       simulator without asking (no CORS preflight), though it cannot read the answer. Such a
 *       request cannot carry {@code Content-Type: application/json} or a custom header, so a state
 *       change (any method but {@code GET} and {@code HEAD}) must carry one of them: {@code
 *       Content-Type: application/json} or {@value #HEADER}{@code : 1}. It must also not say that
 *       it comes from another site: an {@code Origin} that is not a loopback origin, or {@code
 *       Sec-Fetch-Site: cross-site}, is refused. The simulator never answers a CORS preflight, so a
 *       browser never sends the JSON type or the header cross-site.
 * </ul>
 *
 * <p>The WeChat Pay routes ({@code /v3/…}) are not guarded: they need a merchant signature.
 */
final class ControlGuard {
  /** The custom header that marks a scripted control call (any value; {@code 1} by convention). */
  static final String HEADER = "X-Wxpay4j-Simulator";

  private ControlGuard() {}

  /** Why the control API must not answer this request, or null if it may. */
  static @Nullable ApiError refusal(String method, Headers headers) {
    List<String> hosts = headers.values("Host");
    if (hosts.size() != 1 || !isLoopbackAuthority(hosts.get(0))) {
      return new ApiError(
          403,
          "HOST_NOT_LOOPBACK",
          (hosts.isEmpty() ? "no Host header" : "Host: " + String.join(", ", hosts))
              + ": the control API answers only requests to a loopback name (localhost, 127.0.0.1"
              + " or [::1], any port), so that a web page cannot reach it by DNS rebinding. Call it"
              + " at http://127.0.0.1:PORT/simulator/…");
    }
    if (method.equals("GET") || method.equals("HEAD")) {
      return null; // reads change nothing, and without CORS a foreign page cannot read the answer
    }
    String origin = headers.get("Origin");
    if (origin != null && !isLoopbackOrigin(origin)) {
      return crossSite("Origin: " + origin + " is not a loopback origin");
    }
    String fetchSite = headers.get("Sec-Fetch-Site");
    if (fetchSite != null && fetchSite.trim().equalsIgnoreCase("cross-site")) {
      return crossSite("Sec-Fetch-Site: cross-site");
    }
    String contentType = headers.get("Content-Type");
    if (!isJson(contentType) && headers.get(HEADER) == null) {
      return new ApiError(
          403,
          "CONTROL_HEADER_REQUIRED",
          method
              + " to the control API needs Content-Type: application/json or "
              + HEADER
              + ": 1 (a form or a simple cross-site request from a web page cannot send either);"
              + " this one had "
              + (contentType == null ? "no Content-Type" : "Content-Type: " + contentType));
    }
    return null;
  }

  private static ApiError crossSite(String why) {
    return new ApiError(
        403,
        "CROSS_SITE_REQUEST",
        why
            + ": the control API refuses state changes sent by web pages of other sites. Scripts"
            + " and tests send no Origin.");
  }

  private static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String essence = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return essence.trim().equalsIgnoreCase("application/json");
  }

  /** {@code http(s)://} plus a loopback authority, as a browser on a loopback page sends it. */
  static boolean isLoopbackOrigin(String origin) {
    String lower = origin.trim().toLowerCase(Locale.ROOT);
    String authority;
    if (lower.startsWith("http://")) {
      authority = lower.substring("http://".length());
    } else if (lower.startsWith("https://")) {
      authority = lower.substring("https://".length());
    } else {
      return false; // "null" (sandboxed frames, file: pages, redirects) and other schemes
    }
    return isLoopbackAuthority(authority);
  }

  /**
   * A {@code Host} value, {@code host[:port]}, whose host is {@code localhost}, a dotted IPv4
   * address in {@code 127.0.0.0/8} or a bracketed IPv6 loopback literal. Names are never resolved:
   * any other name (also {@code localhost.attacker.example}) is refused.
   */
  static boolean isLoopbackAuthority(String authority) {
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return false;
      }
      host = authority.substring(0, close + 1);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return false;
      }
      port = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? "" : authority.substring(colon + 1);
    }
    if (!port.isEmpty() && !(port.length() <= 5 && port.chars().allMatch(ControlGuard::isDigit))) {
      return false;
    }
    return isLoopbackHost(host);
  }

  private static boolean isLoopbackHost(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      String literal = host.substring(1, host.length() - 1);
      if (literal.isEmpty() || !literal.chars().allMatch(c -> c == ':' || c == '.' || isHex(c))) {
        return false;
      }
      try {
        // Bracketed, so the JDK parses it as an IPv6 literal and never asks DNS.
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    String[] octets = host.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty()
          || octet.length() > 3
          || !octet.chars().allMatch(ControlGuard::isDigit)
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return octets[0].equals("127");
  }

  // ASCII only: Character.isDigit would also take other scripts' digits, which parseInt reads.
  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
