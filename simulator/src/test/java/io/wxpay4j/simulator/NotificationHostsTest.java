package io.wxpay4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class NotificationHostsTest {
  /** A resolver for names that must never be resolved: IP literals and allowed hosts. */
  private static final NotificationHosts.Resolver NO_DNS =
      host -> {
        throw new AssertionError("resolved " + host);
      };

  private static NotificationHosts.Resolver fake(Map<String, List<String>> names) {
    return host -> {
      List<String> literals = names.get(host);
      if (literals == null) {
        throw new UnknownHostException(host + ": Name or service not known");
      }
      List<InetAddress> addresses = new ArrayList<>();
      for (String literal : literals) {
        addresses.add(InetAddress.getByName(literal));
      }
      return addresses;
    };
  }

  private static HttpUrl url(String host) {
    return HttpUrl.get("https://" + host + "/notify");
  }

  @Test
  void loopbackAndPrivateAddressesAreAllowedWithoutDns() {
    NotificationHosts hosts = new NotificationHosts(false, Set.of(), NO_DNS);

    for (String host :
        List.of(
            "127.0.0.1",
            "127.9.9.9",
            "[::1]",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.254",
            "192.168.1.10",
            "169.254.169.254",
            "[fe80::1]",
            "[fd12:3456:789a::1]",
            "[fc00::1]")) {
      assertThat(hosts.refusal(url(host))).as(host).isNull();
    }
  }

  @Test
  void publicAndUnspecifiedAddressesAreRefusedWithoutDns() {
    NotificationHosts hosts = new NotificationHosts(false, Set.of(), NO_DNS);

    for (String host :
        List.of(
            "8.8.8.8",
            "172.32.0.1",
            "100.64.0.1",
            "0.0.0.0",
            "[2001:4860:4860::8888]",
            "[64:ff9b::808:808]",
            "[::ffff:8.8.8.8]")) {
      assertThat(hosts.refusal(url(host))).as(host).contains("not a loopback or private address");
    }
  }

  @Test
  void nameIsJudgedByEveryAddressItResolvesTo() {
    NotificationHosts hosts =
        new NotificationHosts(
            false,
            Set.of(),
            fake(
                Map.of(
                    "localhost", List.of("127.0.0.1", "::1"),
                    "shop.internal", List.of("10.0.0.7"),
                    "split.example", List.of("10.0.0.7", "203.0.113.7"))));

    assertThat(hosts.refusal(url("localhost"))).isNull();
    assertThat(hosts.refusal(url("shop.internal"))).isNull();
    assertThat(hosts.refusal(url("split.example")))
        .startsWith(
            "notify_url host split.example resolves to 203.0.113.7, not a loopback or private address;");
    assertThat(hosts.refusal(url("nowhere.example")))
        .startsWith(
            "notify_url host nowhere.example cannot be resolved (nowhere.example: Name or service not known);");
  }

  @Test
  void allowedHostsAreNotResolvedAndMatchExactly() {
    NotificationHosts hosts =
        new NotificationHosts(
            false,
            Set.of(
                NotificationHosts.canonicalHost("Example.COM"),
                NotificationHosts.canonicalHost("203.0.113.7")),
            fake(Map.of("www.example.com", List.of("203.0.113.8"))));

    assertThat(hosts.refusal(url("example.com"))).isNull();
    assertThat(hosts.refusal(url("203.0.113.7"))).isNull();
    assertThat(hosts.refusal(url("www.example.com"))).contains("203.0.113.8");
  }

  @Test
  void allowAnyAllowsEveryHost() {
    NotificationHosts hosts = new NotificationHosts(true, Set.of(), NO_DNS);

    assertThat(hosts.refusal(url("example.com"))).isNull();
    assertThat(hosts.refusal(url("8.8.8.8"))).isNull();
  }

  @Test
  void connectTimeLookupRefusesAPublicAddress() throws Exception {
    NotificationHosts hosts =
        new NotificationHosts(
            false,
            Set.of("allowed.example"),
            fake(
                Map.of(
                    "rebound.example", List.of("203.0.113.7"),
                    "allowed.example", List.of("203.0.113.9"),
                    "shop.internal", List.of("192.168.0.2"))));

    assertThat(hosts.lookup("shop.internal")).hasSize(1);
    assertThat(hosts.lookup("allowed.example")).hasSize(1);
    assertThatThrownBy(() -> hosts.lookup("rebound.example"))
        .isInstanceOf(NotificationHosts.RefusedException.class)
        .hasMessageStartingWith(
            "notify_url host rebound.example now resolves to 203.0.113.7, not a loopback or private address;");
  }

  @Test
  void allowedHostsAreHostNamesOrAddresses() {
    assertThat(NotificationHosts.canonicalHost("Example.COM")).isEqualTo("example.com");
    assertThat(NotificationHosts.canonicalHost("[::1]")).isEqualTo("::1");
    assertThat(NotificationHosts.canonicalHost("2001:db8::1")).isEqualTo("2001:db8::1");
    for (String bad :
        List.of("", " ", "example.com:443", "https://example.com", "a/b", "[::1]:80", "x y")) {
      assertThatThrownBy(() -> NotificationHosts.canonicalHost(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not a host name or IP address (without port): \"" + bad + "\"");
    }
    assertThatThrownBy(
            () -> WechatPaySimulator.builder().allowNotificationHosts("example.com", "x:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"x:1\"");
  }
}
