package io.wxpay4j.simulator;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Where notifications may go: by default only to loopback and private addresses ({@code
 * 127.0.0.0/8}, {@code ::1}, RFC 1918 {@code 10/8}, {@code 172.16/12}, {@code 192.168/16},
 * link-local {@code 169.254/16} and {@code fe80::/10}, IPv6 ULA {@code fc00::/7}), plus the hosts
 * the user allows. A test that copies a placeholder {@code notify_url} such as {@code
 * https://example.com/notify} must not post payment data to whoever owns that name.
 *
 * <p>A name is resolved and every address it resolves to must be allowed; a name that does not
 * resolve is refused. The check runs twice: before an attempt ({@link #refusal}, which gives the
 * reason recorded in the log), and as the notification client's {@link Dns} when it connects, so
 * that a name which re-resolves to a public address in between (DNS rebinding) is refused too. The
 * client connects without proxy and follows no redirect, so these addresses are the only ones it
 * reaches.
 */
final class NotificationHosts implements Dns {
  /** Resolves a host name: the system resolver, or a test's fake. */
  interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /** A connection the policy refused; its message is the reason. */
  static final class RefusedException extends UnknownHostException {
    RefusedException(String reason) {
      super(reason);
    }
  }

  private final boolean allowAny;
  private final Set<String> allowed;
  private final Resolver resolver;

  /**
   * @param allowed hosts in {@link HttpUrl#host()} form (lower case, IPv6 without brackets)
   */
  NotificationHosts(boolean allowAny, Set<String> allowed, Resolver resolver) {
    this.allowAny = allowAny;
    this.allowed = Set.copyOf(allowed);
    this.resolver = resolver;
  }

  /**
   * The {@link HttpUrl#host()} form of a host the user allows, e.g. {@code Example.COM} → {@code
   * example.com}, {@code [::1]} → {@code ::1}.
   *
   * @throws IllegalArgumentException if it is not a host name or IP address (with no port)
   */
  static String canonicalHost(String host) {
    String trimmed = host.trim();
    boolean ipv6 = trimmed.contains(":") && !trimmed.startsWith("[");
    HttpUrl url =
        trimmed.isEmpty() || trimmed.matches(".*[/?#@\\\\\\s].*")
            ? null
            : HttpUrl.parse("http://" + (ipv6 ? "[" + trimmed + "]" : trimmed) + "/");
    if (url == null || url.port() != 80 || (!ipv6 && trimmed.matches(".*:[0-9]*"))) {
      throw new IllegalArgumentException(
          "not a host name or IP address (without port): \"" + host + "\"");
    }
    return url.host();
  }

  /** Null when a notification may go to {@code url}'s host; otherwise why not. */
  @Nullable String refusal(HttpUrl url) {
    String host = url.host();
    if (allowAny || allowed.contains(host)) {
      return null;
    }
    boolean literal = isIpLiteral(host);
    List<InetAddress> addresses;
    try {
      addresses = literal ? List.of(parseLiteral(host)) : resolver.resolve(host);
    } catch (UnknownHostException e) {
      return "notify_url host "
          + host
          + " cannot be resolved ("
          + e.getMessage()
          + ")"
          + advice(host);
    }
    if (addresses.isEmpty()) {
      return "notify_url host " + host + " resolves to no address" + advice(host);
    }
    for (InetAddress address : addresses) {
      if (!isLocal(address)) {
        return "notify_url host "
            + (literal ? host + " is" : host + " resolves to " + address.getHostAddress() + ",")
            + " not a loopback or private address"
            + advice(host);
      }
    }
    return null;
  }

  /** The addresses the notification client may connect to for {@code hostname}. */
  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = resolver.resolve(hostname);
    if (allowAny || allowed.contains(hostname)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      if (!isLocal(address)) {
        throw new RefusedException(
            "notify_url host "
                + hostname
                + " now resolves to "
                + address.getHostAddress()
                + ", not a loopback or private address"
                + advice(hostname));
      }
    }
    return addresses;
  }

  /** What the user can do, naming both the builder method and the command-line flag. */
  private static String advice(String host) {
    return "; the simulator sends notifications only to loopback and private addresses. To send"
        + " them to this host, allow it: WechatPaySimulator.builder().allowNotificationHosts(\""
        + host
        + "\") or --allow-notification-host "
        + host;
  }

  /** Loopback, RFC 1918 (and the old IPv6 site-local), link-local or IPv6 unique local. */
  static boolean isLocal(InetAddress address) {
    return address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || (address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc);
  }

  /** True for {@link HttpUrl#host()}'s IP forms: a dotted quad, or IPv6 (which has colons). */
  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  private static InetAddress parseLiteral(String host) throws UnknownHostException {
    // Bracketed IPv6 and dotted quads are parsed by the JDK without asking DNS.
    return InetAddress.getByName(host.contains(":") ? "[" + host + "]" : host);
  }

  /** The allowed hosts, for the standalone banner. */
  Set<String> allowed() {
    return new LinkedHashSet<>(allowed);
  }

  boolean allowsAny() {
    return allowAny;
  }
}
