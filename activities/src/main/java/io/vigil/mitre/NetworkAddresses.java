package io.vigil.mitre;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which side of the perimeter an address is on, read from the literal alone: entities may be any identifier, and a
 * name must never trigger a DNS lookup from inside a mapping. Anything that is not an IP literal is neither private
 * nor public, so rules that need to know stay silent for it.
 */
final class NetworkAddresses {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private NetworkAddresses() {}

  /** RFC 1918 (10/8, 172.16/12, 192.168/16) or an IPv6 unique local address (fc00::/7). */
  static boolean isPrivate(String address) {
    int[] v4 = ipv4(address);
    if (v4 != null) {
      return v4[0] == 10 || (v4[0] == 172 && v4[1] >= 16 && v4[1] <= 31) || (v4[0] == 192 && v4[1] == 168);
    }
    return isIpv6(address) && (firstHextet(address) & 0xfe00) == 0xfc00;
  }

  /**
   * A globally routed unicast address: an IP literal that is not private, loopback, link-local, multicast, reserved
   * or unspecified.
   */
  static boolean isPublic(String address) {
    int[] v4 = ipv4(address);
    if (v4 != null) {
      boolean special = v4[0] == 0 || v4[0] == 127 || v4[0] >= 224 || (v4[0] == 169 && v4[1] == 254)
          || (v4[0] == 100 && v4[1] >= 64 && v4[1] <= 127);
      return !special && !isPrivate(address);
    }
    if (!isIpv6(address)) {
      return false;
    }
    int first = firstHextet(address);
    // Global unicast is 2000::/3; everything else (::1, fe80::/10, fc00::/7, ff00::/8) stays inside a network.
    return (first & 0xe000) == 0x2000;
  }

  private static int[] ipv4(String address) {
    Matcher matcher = IPV4.matcher(address.strip());
    if (!matcher.matches()) {
      return null;
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      octets[i] = Integer.parseInt(matcher.group(i + 1));
      if (octets[i] > 255) {
        return null;
      }
    }
    return octets;
  }

  private static boolean isIpv6(String address) {
    return IPV6.matcher(address.strip()).matches();
  }

  /** The first 16 bits of an IPv6 literal; 0 when it starts with {@code ::} (loopback, unspecified, IPv4-mapped). */
  private static int firstHextet(String address) {
    String first = address.strip().toLowerCase(Locale.ROOT).split(":", -1)[0];
    return first.matches("[0-9a-f]{1,4}") ? Integer.parseInt(first, 16) : 0;
  }
}
