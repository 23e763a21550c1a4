package io.vigil.flows;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.flows.Flow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Where flows and their sequences are kept for investigation, in the DuckDB database: {@value #FLOWS} holds every
 * flow read, by dataset and row; {@value #SEQUENCES} every sequence with the rows of its flows. A dataset read again
 * replaces its earlier flows and sequences in one transaction, so nothing is kept twice.
 */
public final class FlowStore {

  public static final String FLOWS = "Vigil_Flows";
  public static final String SEQUENCES = "Vigil_Sequences";

  private final DuckDbBackend database;

  public FlowStore(DuckDbBackend database) {
    this.database = database;
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + FLOWS + " (\"Dataset\" VARCHAR NOT NULL, \"Row\" BIGINT NOT NULL, "
          + "\"Timestamp\" TIMESTAMP NOT NULL, \"FlowDuration\" DOUBLE NOT NULL, \"SrcIp\" VARCHAR NOT NULL, "
          + "\"SrcPort\" INTEGER NOT NULL, \"DstIp\" VARCHAR NOT NULL, \"DstPort\" INTEGER NOT NULL, "
          + "\"FwdBytes\" BIGINT NOT NULL, \"BwdBytes\" BIGINT NOT NULL, \"FwdPkts\" BIGINT NOT NULL, "
          + "\"BwdPkts\" BIGINT NOT NULL, \"Label\" INTEGER)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + SEQUENCES + " (\"SequenceId\" VARCHAR NOT NULL, "
          + "\"Dataset\" VARCHAR NOT NULL, \"Entity\" VARCHAR NOT NULL, \"FirstTime\" TIMESTAMP NOT NULL, "
          + "\"LastTime\" TIMESTAMP NOT NULL, \"Rows\" VARCHAR NOT NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the flow tables in " + database + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the dataset's flows and sequences with these. */
  public void replace(String dataset, List<Flow> flows, List<FlowSequence> sequences) {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        for (String table : List.of(FLOWS, SEQUENCES)) {
          try (PreparedStatement delete = connection.prepareStatement(
              "DELETE FROM " + table + " WHERE \"Dataset\" = ?")) {
            delete.setString(1, dataset);
            delete.executeUpdate();
          }
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, FLOWS)) {
          for (Flow flow : flows) {
            appender.beginRow().append(dataset).append(flow.row())
                .appendEpochMicros(DuckDbBackend.toMicros(flow.timestamp())).append(flow.durationSeconds())
                .append(flow.srcIp()).append(flow.srcPort()).append(flow.dstIp()).append(flow.dstPort())
                .append(flow.fwdBytes()).append(flow.bwdBytes()).append(flow.fwdPkts()).append(flow.bwdPkts());
            if (flow.label() == null) {
              appender.appendNull();
            } else {
              appender.append(flow.label().intValue());
            }
            appender.endRow();
          }
        }
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, SEQUENCES)) {
          for (FlowSequence sequence : sequences) {
            List<Flow> members = sequence.flows();
            appender.beginRow().append(sequence.id()).append(dataset).append(sequence.entity())
                .appendEpochMicros(DuckDbBackend.toMicros(members.get(0).timestamp()))
                .appendEpochMicros(DuckDbBackend.toMicros(members.get(members.size() - 1).timestamp()))
                .append(members.stream().map(flow -> Long.toString(flow.row())).collect(Collectors.joining(",")))
                .endRow();
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the flows of " + dataset + ": " + e.getMessage(), e);
    }
  }

  /** A stored sequence: where it came from and its flows in sequence order. */
  public record StoredSequence(String id, String dataset, String entity, List<Flow> flows) {}

  /** The sequence with this id and its raw flows, or empty when no stored sequence has it. */
  public Optional<StoredSequence> sequence(String id) {
    try (Connection connection = database.connection()) {
      String dataset;
      String entity;
      String rows;
      try (PreparedStatement find = connection.prepareStatement("SELECT \"Dataset\", \"Entity\", \"Rows\" FROM "
          + SEQUENCES + " WHERE \"SequenceId\" = ?")) {
        find.setString(1, id);
        try (ResultSet result = find.executeQuery()) {
          if (!result.next()) {
            return Optional.empty();
          }
          dataset = result.getString(1);
          entity = result.getString(2);
          rows = result.getString(3);
        }
      }
      List<Long> order = new ArrayList<>();
      for (String row : rows.split(",")) {
        order.add(Long.parseLong(row));
      }
      List<Flow> flows = new ArrayList<>();
      try (PreparedStatement read = connection.prepareStatement("SELECT \"Row\", epoch_us(\"Timestamp\"), "
          + "\"FlowDuration\", \"SrcIp\", \"SrcPort\", \"DstIp\", \"DstPort\", \"FwdBytes\", \"BwdBytes\", \"FwdPkts\", "
          + "\"BwdPkts\", \"Label\" FROM " + FLOWS + " WHERE \"Dataset\" = ? AND list_contains(?::BIGINT[], \"Row\")")) {
        read.setString(1, dataset);
        read.setObject(2, duckList(order, connection));
        try (ResultSet result = read.executeQuery()) {
          while (result.next()) {
            int label = result.getInt(12);
            flows.add(new Flow(result.getLong(1), DuckDbBackend.fromMicros(result.getLong(2)), result.getDouble(3),
                result.getString(4), result.getInt(5), result.getString(6), result.getInt(7), result.getLong(8),
                result.getLong(9), result.getLong(10), result.getLong(11), result.wasNull() ? null : label));
          }
        }
      }
      flows.sort(java.util.Comparator.comparingInt(flow -> order.indexOf(flow.row())));
      return Optional.of(new StoredSequence(id, dataset, entity, flows));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read sequence " + id + ": " + e.getMessage(), e);
    }
  }

  private static java.sql.Array duckList(List<Long> rows, Connection connection) throws SQLException {
    return connection.createArrayOf("BIGINT", rows.toArray());
  }
}
