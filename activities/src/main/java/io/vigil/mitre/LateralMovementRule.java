package io.vigil.mitre;

import io.vigil.model.flows.Flow;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Remote Services (T1021, Lateral Movement): an internal source that reaches several internal hosts on remote
 * administration services, each of which answered. When every such flow uses one service, its sub-technique is
 * reported (SMB/Windows Admin Shares T1021.002, Remote Desktop Protocol T1021.001, ...), otherwise the parent.
 */
final class LateralMovementRule implements FlowRule {

  static final TechniqueRef REMOTE_SERVICES = new TechniqueRef("T1021", "TA0008");

  /** Remote administration ports and the sub-technique each belongs to. */
  static final Map<Integer, TechniqueRef> ADMIN_SERVICES = Map.of(
      3389, new TechniqueRef("T1021.001", "TA0008"),
      139, new TechniqueRef("T1021.002", "TA0008"),
      445, new TechniqueRef("T1021.002", "TA0008"),
      135, new TechniqueRef("T1021.003", "TA0008"),
      22, new TechniqueRef("T1021.004", "TA0008"),
      5900, new TechniqueRef("T1021.005", "TA0008"),
      5985, new TechniqueRef("T1021.006", "TA0008"),
      5986, new TechniqueRef("T1021.006", "TA0008"));

  /**
   * A workstation normally administers or mounts shares of one or two servers; three or more peers reached on admin
   * services within one window is spread. Confidence grows up to {@link #SATURATING_HOSTS}.
   */
  static final int MIN_HOSTS = 3;

  static final int SATURATING_HOSTS = 8;

  @Override
  public List<TechniqueRef> techniques() {
    return Stream.concat(Stream.of(REMOTE_SERVICES), ADMIN_SERVICES.values().stream()).distinct()
        .sorted(Comparator.comparing(TechniqueRef::techniqueId)).toList();
  }

  @Override
  public Optional<Match> match(FlowStats flows) {
    FlowStats sessions = flows.where(flow -> NetworkAddresses.isPrivate(flow.srcIp())
        && NetworkAddresses.isPrivate(flow.dstIp()) && ADMIN_SERVICES.containsKey(flow.dstPort())
        && flow.bwdBytes() > 0);
    int hosts = sessions.distinctHosts();
    if (hosts < MIN_HOSTS) {
      return Optional.empty();
    }
    List<TechniqueRef> used = sessions.flows().stream().map(flow -> ADMIN_SERVICES.get(flow.dstPort())).distinct()
        .toList();
    TechniqueRef technique = used.size() == 1 ? used.get(0) : REMOTE_SERVICES;
    double confidence = Confidence.of(Confidence.progress(hosts, MIN_HOSTS, SATURATING_HOSTS));
    String ports = sessions.flows().stream().map(Flow::dstPort).distinct().sorted().map(String::valueOf)
        .collect(Collectors.joining(", "));
    String evidence = "answered connections from internal " + sessions.flows().get(0).srcIp() + " to " + hosts
        + " internal hosts on port" + (ports.contains(",") ? "s " : " ") + ports + " within "
        + Words.seconds(sessions.spanSeconds()) + ": " + sessions.flows().stream().map(Flow::dstIp).distinct()
        .collect(Collectors.joining(", "));
    return Optional.of(new Match(technique, confidence, evidence));
  }
}
