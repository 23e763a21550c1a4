package io.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.flows.FlowSequence;
import io.vigil.flows.FlowStore;
import io.vigil.model.flows.Flow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil investigate}: from a detection back to its raw data. */
@Command(name = "investigate", mixinStandardHelpOptions = true,
    description = "Turn a detection back into its raw data.",
    subcommands = {InvestigateCommand.Sequence.class, InvestigateAnomalyCommand.class})
public final class InvestigateCommand {

  /** {@code vigil investigate sequence <id>}: the raw flows of one sequence. */
  @Command(name = "sequence", mixinStandardHelpOptions = true,
      description = {"Print the raw flows of a sequence, in sequence order, with its detection score when it has one.",
          "Exit status: 0 when found, 1 when no stored sequence has the id."})
  static final class Sequence implements Callable<Integer> {

    private static final String[] HEADER = {"ROW", "TIME", "DURATION", "SRC", "DST", "FWD BYTES", "BWD BYTES",
        "FWD PKTS", "BWD PKTS", "LABEL"};

    @Parameters(paramLabel = "ID", description = "Sequence id, as detections and `vigil detect` print it.")
    String id;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "vigil.duckdb",
        description = "DuckDB database file the flows were stored in. Default: ${DEFAULT-VALUE}.")
    Path database;

    @Option(names = "--json", description = "Print the sequence and its flows as one JSON object.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.isRegularFile(database)) {
        spec.commandLine().getErr().println("vigil investigate sequence: no DuckDB file " + database);
        return 1;
      }
      try (DuckDbBackend backend = DuckDbBackend.open(database)) {
        FlowStore store = new FlowStore(backend);
        var found = store.sequence(id);
        if (found.isEmpty()) {
          spec.commandLine().getErr().println("vigil investigate sequence: no sequence " + id + " in " + database);
          return 1;
        }
        FlowSequence sequence = found.get();
        if (json) {
          out.println(new ObjectMapper().writeValueAsString(asJson(sequence)));
          return 0;
        }
        out.printf("Sequence %s: %d flows of %s from %s%n", sequence.id(), sequence.flows().size(),
            sequence.entity(), sequence.dataset());
        List<String[]> rows = new ArrayList<>();
        for (Flow flow : sequence.flows()) {
          rows.add(new String[] {Long.toString(flow.row()), flow.timestamp().toString(),
              String.format(Locale.ROOT, "%.3f", flow.durationSeconds()), flow.srcIp() + ":" + flow.srcPort(),
              flow.dstIp() + ":" + flow.dstPort(), Long.toString(flow.fwdBytes()), Long.toString(flow.bwdBytes()),
              Long.toString(flow.fwdPkts()), Long.toString(flow.bwdPkts()),
              flow.label() == null ? "-" : flow.label().toString()});
        }
        TextTable.print(HEADER, rows, out);
        return 0;
      }
    }

    /** The sequence as JSON-ready maps, with times as ISO-8601 instants and the flows' DESIGN names. */
    static Map<String, Object> asJson(FlowSequence sequence) {
      List<Map<String, Object>> flows = new ArrayList<>();
      for (Flow flow : sequence.flows()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("row", flow.row());
        row.put("timestamp", flow.timestamp().toString());
        row.put("flow_dur", flow.durationSeconds());
        row.put("src_ip", flow.srcIp());
        row.put("src_port", flow.srcPort());
        row.put("dest_ip", flow.dstIp());
        row.put("dest_port", flow.dstPort());
        row.put("fwd_bytes", flow.fwdBytes());
        row.put("bwd_bytes", flow.bwdBytes());
        row.put("total_fwd_pkts", flow.fwdPkts());
        row.put("total_bwd_pkts", flow.bwdPkts());
        row.put("label", flow.label());
        flows.add(row);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("sequence_id", sequence.id());
      json.put("dataset", sequence.dataset());
      json.put("entity", sequence.entity());
      json.put("flows", flows);
      return json;
    }
  }
}
