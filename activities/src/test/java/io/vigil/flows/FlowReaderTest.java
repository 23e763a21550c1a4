package io.vigil.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.flows.Flow;
import io.vigil.model.flows.FlowBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowReaderTest {

  private static final String HEADER = "ts,duration,src_ip,src_port,dst_ip,dst_port,fwd_bytes,bwd_bytes,fwd_pkts,"
      + "bwd_pkts,label";

  @Test
  void aCsvIsReadAndEveryBadRowIsReportedWithItsReasonWhileGoodRowsAreKept(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("flows.csv"), HEADER + "\n"
        + "1655935176.726357,0.5,10.0.0.1,51000,10.0.0.2,443,100,2000,3,4,Benign\n"
        + "1655935177,,10.0.0.1,51001,10.0.0.2,http,100,2000,3,4,Benign\n"
        + "yesterday,1,10.0.0.1,51002,10.0.0.2,443,1,1,1,1,Benign\n"
        + "1655935178,1,10.0.0.1,51003,10.0.0.2,443,-5,1,1,1,Malicious\n"
        + "1655935179,-,10.0.0.3,51004,10.0.0.2,22,-,-,1,0,Malicious\n"
        + "1655935180,1,10.0.0.1,51005\n", StandardCharsets.UTF_8);

    FlowBatch batch = FlowReader.read(csv.toString(), null);

    assertEquals("flows.csv", batch.dataset());
    assertEquals(2, batch.flows().size());
    Flow first = batch.flows().get(0);
    assertEquals(new Flow(1, Instant.parse("2022-06-22T21:59:36.726357Z"), 0.5, "10.0.0.1", 51000, "10.0.0.2", 443,
        100, 2000, 3, 4, 0), first);
    assertEquals(new Flow(5, Instant.ofEpochSecond(1655935179), 0, "10.0.0.3", 51004, "10.0.0.2", 22, 0, 0, 1, 0, 1),
        batch.flows().get(1), "Zeek's unset '-' is 0 for durations and counts");
    assertEquals(List.of(
        "flows.csv row 2 (line 3), column dst_port, value 'http': not a port; expected a whole number from 0 to 65535",
        "flows.csv row 3 (line 4), column ts, value 'yesterday': not a timestamp; expected epoch seconds or an "
            + "ISO-8601 instant such as 2022-06-22T21:59:36Z",
        "flows.csv row 4 (line 5), column fwd_bytes, value '-5': not a number of 0 or more",
        "flows.csv row 6 (line 7): the row has 4 cells but the header has 11"),
        batch.rejected().stream().map(Object::toString).toList());
  }

  @Test
  void aFileWithoutARequiredColumnRejectsEveryRowNamingTheColumn(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("partial.csv"), "timestamp,src_ip,dest_ip\n2022-06-22T21:59:36Z,a,b\n",
        StandardCharsets.UTF_8);

    FlowBatch batch = FlowReader.read(csv.toString(), null);

    assertTrue(batch.flows().isEmpty());
    assertEquals(1, batch.rejected().size());
    assertTrue(batch.rejected().get(0).reason().startsWith("missing column(s): flow_dur (or duration); src_port"),
        batch.rejected().get(0)::toString);
  }

  @Test
  void aZeekConnLogIsReadFromItsFieldsLineIncludingIot23sSpaceSeparatedLabels(@TempDir Path dir) throws IOException {
    Path log = Files.writeString(dir.resolve("conn.log.labeled"), String.join("\n",
        "#separator \\x09",
        "#unset_field\t-",
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_bytes\tresp_bytes"
            + "\torig_pkts\tresp_pkts\ttunnel_parents   label   detailed-label",
        "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tinterval\tcount\tcount\tcount\tcount\tset[string]   "
            + "string   string",
        "1545403816.962094\tC1\t192.168.1.195\t41040\t185.244.25.235\t80\ttcp\t2.998\t0\t0\t3\t0\t-   Malicious   "
            + "C&C",
        "1545403824.181240\tC2\t192.168.1.195\t41040\t185.244.25.235\t80\ttcp\t-\t-\t-\t1\t0\t-   Benign   -",
        "") , StandardCharsets.UTF_8);

    FlowBatch batch = FlowReader.read(log.toString(), null);

    assertEquals(List.of(), batch.rejected());
    assertEquals(2, batch.flows().size());
    assertEquals(new Flow(1, Instant.parse("2018-12-21T14:50:16.962094Z"), 2.998, "192.168.1.195", 41040,
        "185.244.25.235", 80, 0, 0, 3, 0, 1), batch.flows().get(0));
    assertEquals(0, batch.flows().get(1).label());
  }

  @Test
  void aDuckDbTableIsReadWithDesignsColumnNames() throws Exception {
    try (DuckDbBackend database = DuckDbBackend.inMemory()) {
      try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE NetFlows (timestamp TIMESTAMP, flow_dur DOUBLE, src_ip VARCHAR, "
            + "src_port INTEGER, dest_ip VARCHAR, dest_port INTEGER, fwd_bytes BIGINT, bwd_bytes BIGINT, "
            + "total_fwd_pkts BIGINT, total_bwd_pkts BIGINT)");
        statement.execute("INSERT INTO NetFlows VALUES ('2026-01-05 10:00:00.25', 1.5, '10.0.0.1', 40000, "
            + "'10.0.0.9', 53, 60, 120, 1, 1), ('2026-01-05 10:00:01', 0, '10.0.0.1', 40001, '10.0.0.9', 99999, "
            + "60, 120, 1, 1)");
      }

      FlowBatch batch = FlowReader.read("NetFlows", database);

      assertEquals(1, batch.flows().size());
      Flow flow = batch.flows().get(0);
      assertEquals(Instant.parse("2026-01-05T10:00:00.250Z"), flow.timestamp());
      assertNull(flow.label(), "a source without labels");
      assertEquals("NetFlows row 2, column dest_port, value '99999': not a port; expected a whole number from 0 to "
          + "65535", batch.rejected().get(0).toString());
    }
  }

  @Test
  void numbersBeyondWhatAFlowHoldsAreRejectedNotWrappedRoundedOrThrown(@TempDir Path dir) throws IOException {
    String flow = ",0.5,10.0.0.1,51000,10.0.0.2,443,";
    Path csv = Files.writeString(dir.resolve("flows.csv"), HEADER + "\n"
        + "99999999999999999" + flow + "1,1,1,1,Benign\n"
        + "18446744073709551617" + flow + "1,1,1,1,Benign\n"
        + "1655935176" + flow + "1.5,1,1,1,Benign\n"
        + "1655935176" + flow + "9223372036854775808,1,1,1,Benign\n"
        + "1655935176" + flow + "1d,1,1,1,Benign\n"
        + "1655935176" + flow + "9007199254740993,2.0,1e3,1,Benign\n", StandardCharsets.UTF_8);

    FlowBatch batch = FlowReader.read(csv.toString(), null);

    assertEquals(List.of("ts 99999999999999999", "ts 18446744073709551617", "fwd_bytes 1.5",
        "fwd_bytes 9223372036854775808", "fwd_bytes 1d"),
        batch.rejected().stream().map(rejection -> rejection.column() + " " + rejection.value()).toList());
    assertEquals(new Flow(6, Instant.ofEpochSecond(1655935176), 0.5, "10.0.0.1", 51000, "10.0.0.2", 443,
        9007199254740993L, 2, 1000, 1, 0), batch.flows().get(0), "counts are exact, whatever their notation");
  }

  @Test
  void zeeksEmptyMarkerIsNothingInEveryField(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("flows.csv"), HEADER + "\n"
        + "1655935176,(empty),10.0.0.1,51000,10.0.0.2,443,(empty),1,1,1,(empty)\n"
        + "1655935177,1,(empty),51000,10.0.0.2,443,1,1,1,1,Benign\n", StandardCharsets.UTF_8);

    FlowBatch batch = FlowReader.read(csv.toString(), null);

    assertEquals(new Flow(1, Instant.ofEpochSecond(1655935176), 0, "10.0.0.1", 51000, "10.0.0.2", 443, 0, 1, 1, 1,
        null), batch.flows().get(0));
    assertEquals("flows.csv row 2 (line 3), column src_ip, value '(empty)': empty; every flow needs its source and "
        + "destination address", batch.rejected().get(0).toString());
  }

  @Test
  void concatenatedZeekLogsKeepTheRowsOfEveryPart(@TempDir Path dir) throws IOException {
    String header = "#separator \\x09\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tduration\t"
        + "orig_bytes\tresp_bytes\torig_pkts\tresp_pkts\n";
    Path log = Files.writeString(dir.resolve("conn.log"), header
        + "1545403816\t10.0.0.1\t1\t10.0.0.2\t2\t-\t-\t-\t1\t0\n#close\t2018-12-21\n" + header
        + "1545403817\t10.0.0.1\t1\t10.0.0.2\t2\t-\t-\t-\t1\t0\n", StandardCharsets.UTF_8);

    FlowBatch batch = FlowReader.read(log.toString(), null);

    assertEquals(List.of(1L, 2L), batch.flows().stream().map(Flow::row).toList());
  }

  @Test
  void aCsvThatIsNotCsvPastItsHeaderIsAnIllegalArgumentNamingTheLine(@TempDir Path dir) throws IOException {
    // FlowActivities turns an IllegalArgumentException into a configuration error, which is not retried.
    Path csv = Files.writeString(dir.resolve("flows.csv"), HEADER + "\n1655935176,\"0.5\n", StandardCharsets.UTF_8);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowReader.read(csv.toString(), null));

    assertEquals("flows.csv line 2: a quoted cell is never closed", e.getMessage());
  }

  @Test
  void aZeekLogThatIsNotUtf8NamesTheLine(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("conn.log");
    Files.write(log, "#separator \\x09\n#fields\tts\n\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowReader.read(log.toString(), null));

    assertEquals("conn.log line 3: not UTF-8 text; save the file as UTF-8", e.getMessage());
  }

  @Test
  void aRejectionEscapesWhatTheFileWroteAndNamesTheColumnAsTheHeaderDoes(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("flows.csv"), HEADER.replace("label", "Label") + "\n"
        + "1655935176,1,10.0.0.1,51000,10.0.0.2,443,1,1,1,1,\"\u202eevil\nline\"\n", StandardCharsets.UTF_8);

    FlowBatch batch = FlowReader.read(csv.toString(), null);

    assertEquals("flows.csv row 1 (line 2), column Label, value '\\u202eevil\\u000aline': not a label; expected "
        + "1/0, true/false, Malicious, Benign, Background or Normal", batch.rejected().get(0).toString());
  }
}
