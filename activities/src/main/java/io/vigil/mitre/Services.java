package io.vigil.mitre;

import java.util.Map;
import java.util.Set;

/** Well-known destination ports that more than one rule needs to recognise. */
final class Services {

  /** HTTP and HTTPS, with their usual alternative ports. */
  static final Set<Integer> WEB_PORTS = Set.of(80, 443, 8080, 8443);

  /** Services that take a password on connection; the TLS variants of the mail protocols are included. */
  static final Map<Integer, String> AUTHENTICATION_PORTS = Map.ofEntries(
      Map.entry(21, "FTP"), Map.entry(22, "SSH"), Map.entry(23, "Telnet"), Map.entry(25, "SMTP"),
      Map.entry(110, "POP3"), Map.entry(143, "IMAP"), Map.entry(445, "SMB"), Map.entry(465, "SMTPS"),
      Map.entry(587, "SMTP submission"), Map.entry(993, "IMAPS"), Map.entry(995, "POP3S"),
      Map.entry(1433, "SQL Server"), Map.entry(3306, "MySQL"), Map.entry(3389, "RDP"), Map.entry(5900, "VNC"));

  /**
   * Services that poll on a timer by design: clock synchronisation (NTP, 123) and name resolution (DNS, 53; DNS over
   * TLS, 853). Their regular, small flows are what a beacon looks like, and flows cannot tell a resolver's refresh from
   * a DNS tunnel, whose evidence is in the queries.
   */
  static final Set<Integer> TIMER_DRIVEN_PORTS = Set.of(53, 123, 853);

  /**
   * Not a TCP or UDP service: Zeek and most flow exporters write ICMP with destination port 0. An ICMP channel would
   * be Non-Application Layer Protocol (T1095), which flow features alone cannot separate from pings.
   */
  static final int NO_SERVICE_PORT = 0;

  private Services() {}
}
