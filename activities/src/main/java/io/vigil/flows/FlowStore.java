package io.vigil.flows;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.mitre.MitreMapping;
import io.vigil.model.detection.Threshold;
import io.vigil.model.flows.Flow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  public static final String SCORES = "Vigil_SequenceScores";
  public static final String DETECTIONS = "Vigil_NetworkDetections";
  /** Per flows source, the end of the flow time scheduled detection has scored. */
  public static final String WATERMARKS = "Vigil_FlowWatermark";

  private final DuckDbBackend database;

  public FlowStore(DuckDbBackend database) {
    this.database = database;
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + FLOWS + " (\"Dataset\" VARCHAR NOT NULL, "
          + "\"Row\" BIGINT NOT NULL, "
          + "\"Timestamp\" TIMESTAMP NOT NULL, \"FlowDuration\" DOUBLE NOT NULL, \"SrcIp\" VARCHAR NOT NULL, "
          + "\"SrcPort\" INTEGER NOT NULL, \"DstIp\" VARCHAR NOT NULL, \"DstPort\" INTEGER NOT NULL, "
          + "\"FwdBytes\" BIGINT NOT NULL, \"BwdBytes\" BIGINT NOT NULL, \"FwdPkts\" BIGINT NOT NULL, "
          + "\"BwdPkts\" BIGINT NOT NULL, \"Label\" INTEGER)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + SEQUENCES + " (\"SequenceId\" VARCHAR NOT NULL, "
          + "\"Dataset\" VARCHAR NOT NULL, \"Entity\" VARCHAR NOT NULL, \"Start\" INTEGER NOT NULL, "
          + "\"FirstTime\" TIMESTAMP NOT NULL, \"LastTime\" TIMESTAMP NOT NULL, \"Rows\" VARCHAR NOT NULL, "
          + "\"Label\" INTEGER)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + SCORES + " (\"SequenceId\" VARCHAR NOT NULL, "
          + "\"Dataset\" VARCHAR NOT NULL, \"Score\" DOUBLE NOT NULL, \"ModelVersion\" VARCHAR NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + DETECTIONS + " (\"SequenceId\" VARCHAR NOT NULL, "
          + "\"Dataset\" VARCHAR NOT NULL, \"Entity\" VARCHAR NOT NULL, \"FirstTime\" TIMESTAMP NOT NULL, "
          + "\"LastTime\" TIMESTAMP NOT NULL, \"Flows\" INTEGER NOT NULL, \"Score\" DOUBLE NOT NULL, "
          + "\"Threshold\" DOUBLE NOT NULL, \"ModelVersion\" VARCHAR NOT NULL, \"DetectedAt\" TIMESTAMP NOT NULL, "
          + "\"TacticId\" VARCHAR, \"TacticName\" VARCHAR, \"TechniqueId\" VARCHAR, \"TechniqueName\" VARCHAR, "
          + "\"MitreConfidence\" DOUBLE, \"MitreEvidence\" VARCHAR)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + WATERMARKS + " (\"Source\" VARCHAR PRIMARY KEY, "
          + "\"ScoredUntil\" TIMESTAMP NOT NULL, \"UpdatedAt\" TIMESTAMP NOT NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the flow tables in " + database + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the dataset's flows and sequences with these, dropping its earlier scores and detections. */
  public void replace(String dataset, List<Flow> flows, List<FlowSequence> sequences) {
    try {
      database.inTransaction(connection -> {
        for (String table : List.of(FLOWS, SEQUENCES, SCORES, DETECTIONS)) {
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
                .append(sequence.start()).appendEpochMicros(DuckDbBackend.toMicros(members.get(0).timestamp()))
                .appendEpochMicros(DuckDbBackend.toMicros(members.get(members.size() - 1).timestamp()))
                .append(members.stream().map(flow -> Long.toString(flow.row())).collect(Collectors.joining(",")));
            if (sequence.label() == null) {
              appender.appendNull();
            } else {
              appender.append(sequence.label().intValue());
            }
            appender.endRow();
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the flows of " + dataset + ": " + e.getMessage(), e);
    }
  }

  /** The end of the flow time scheduled detection has scored for {@code source}, or empty when none was. */
  public Optional<Instant> scoredUntil(String source) {
    try (Connection connection = database.connection();
        PreparedStatement read = connection.prepareStatement(
            "SELECT epoch_us(\"ScoredUntil\") FROM " + WATERMARKS + " WHERE \"Source\" = ?")) {
      read.setString(1, source);
      try (ResultSet result = read.executeQuery()) {
        return result.next() ? Optional.of(DuckDbBackend.fromMicros(result.getLong(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the scoring watermark of " + source + ": " + e.getMessage(), e);
    }
  }

  /** Moves the source's scoring watermark to {@code until} unless it is already further; returns where it stands. */
  public Instant advanceScoredUntil(String source, Instant until) {
    try (Connection connection = database.connection();
        PreparedStatement advance = connection.prepareStatement("INSERT INTO " + WATERMARKS
            + " VALUES (?, make_timestamp(?), now()::TIMESTAMP) ON CONFLICT (\"Source\") DO UPDATE SET "
            + "\"ScoredUntil\" = greatest(\"ScoredUntil\", excluded.\"ScoredUntil\"), "
            + "\"UpdatedAt\" = excluded.\"UpdatedAt\"")) {
      advance.setString(1, source);
      advance.setLong(2, DuckDbBackend.toMicros(until));
      advance.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot advance the scoring watermark of " + source + ": " + e.getMessage(), e);
    }
    return scoredUntil(source).orElseThrow();
  }

  /** The sequence with this id and its raw flows in sequence order, or empty when no stored sequence has it. */
  public Optional<FlowSequence> sequence(String id) {
    return read(id, "SELECT \"SequenceId\", \"Dataset\", \"Entity\", \"Rows\", \"Start\", NULL FROM " + SEQUENCES
        + " WHERE \"SequenceId\" = ?").stream().map(ScoredSequence::sequence).findFirst();
  }

  /** The dataset's sequences {@code [from, to)} in id order, with their flows. */
  public List<FlowSequence> sequences(String dataset, int from, int to) {
    return read(dataset, "SELECT \"SequenceId\", \"Dataset\", \"Entity\", \"Rows\", \"Start\", NULL FROM " + SEQUENCES
        + " WHERE \"Dataset\" = ? ORDER BY \"SequenceId\" LIMIT " + (to - from) + " OFFSET " + from).stream()
        .map(ScoredSequence::sequence).toList();
  }

  /** One stored sequence as its row reads, before its flows are fetched. */
  private record Head(String id, String dataset, String entity, String rows, int start, Double score) {
    List<Long> rowNumbers() {
      return Arrays.stream(rows.split(",")).map(Long::parseLong).toList();
    }
  }

  /**
   * The sequences {@code sql} selects with {@code parameter} as its one parameter, as id, dataset, entity, rows, start
   * and score (NULL when unscored), all of one dataset, each with its flows, fetched for all of them in one query.
   */
  private List<ScoredSequence> read(String parameter, String sql) {
    try (Connection connection = database.connection()) {
      List<Head> heads = new ArrayList<>();
      try (PreparedStatement read = connection.prepareStatement(sql)) {
        read.setString(1, parameter);
        try (ResultSet result = read.executeQuery()) {
          while (result.next()) {
            double score = result.getDouble(6);
            heads.add(new Head(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                result.getInt(5), result.wasNull() ? null : score));
          }
        }
      }
      if (heads.isEmpty()) {
        return List.of();
      }
      String dataset = heads.get(0).dataset();
      List<Long> rows = heads.stream().flatMap(head -> head.rowNumbers().stream()).toList();
      Map<Long, Flow> flows = new HashMap<>();
      for (Flow flow : flows(connection, dataset, rows)) {
        flows.put(flow.row(), flow);
      }
      List<ScoredSequence> sequences = new ArrayList<>(heads.size());
      for (Head head : heads) {
        List<Flow> members = head.rowNumbers().stream().map(flows::get).toList();
        sequences.add(new ScoredSequence(new FlowSequence(head.id(), dataset, head.entity(), head.start(), members),
            head.score() == null ? Double.NaN : head.score()));
      }
      return sequences;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the sequences of " + parameter + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the scores of these sequences of the dataset. */
  public void replaceScores(String dataset, List<String> ids, float[] scores, String modelVersion) {
    try {
      database.inTransaction(connection -> {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + SCORES
            + " WHERE \"Dataset\" = ? AND \"SequenceId\" IN (SELECT unnest(?::VARCHAR[]))")) {
          delete.setString(1, dataset);
          delete.setObject(2, connection.createArrayOf("VARCHAR", ids.toArray()));
          delete.executeUpdate();
        }
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
            .createAppender(DuckDBConnection.DEFAULT_SCHEMA, SCORES)) {
          for (int i = 0; i < ids.size(); i++) {
            appender.beginRow().append(ids.get(i)).append(dataset).append((double) scores[i]).append(modelVersion)
                .endRow();
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the scores of " + dataset + ": " + e.getMessage(), e);
    }
  }

  /**
   * What writing detections did.
   *
   * @param labelled scored sequences with a label
   * @param truePositives detections labelled malicious
   * @param malicious scored sequences labelled malicious
   */
  public record DetectionCounts(int detections, double threshold, String modelVersion, int labelled,
      int truePositives, int malicious) {}

  /**
   * Replaces the dataset's detections with its scored sequences above the threshold (a fixed score, or a percentile
   * of the dataset's scores with linear interpolation between closest ranks), stamped {@code detectedAt}, in one
   * transaction.
   */
  public DetectionCounts writeDetections(String dataset, Threshold rule, Instant detectedAt) {
    try {
      return database.inTransaction(connection -> {
        double threshold;
        String model;
        try (PreparedStatement quantile = connection.prepareStatement("SELECT quantile_cont(\"Score\", ?), "
            + "any_value(\"ModelVersion\"), count(*) FROM " + SCORES + " WHERE \"Dataset\" = ?")) {
          quantile.setDouble(1, rule.percentile() / 100);
          quantile.setString(2, dataset);
          try (ResultSet result = quantile.executeQuery()) {
            result.next();
            if (result.getLong(3) == 0) {
              return new DetectionCounts(0, Double.NaN, "", 0, 0, 0);
            }
            threshold = rule.score() != null ? rule.score() : result.getDouble(1);
            model = result.getString(2);
          }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + DETECTIONS
            + " WHERE \"Dataset\" = ?")) {
          delete.setString(1, dataset);
          delete.executeUpdate();
        }
        int detections;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + DETECTIONS
            + " SELECT s.\"SequenceId\", s.\"Dataset\", q.\"Entity\", q.\"FirstTime\", q.\"LastTime\", "
            + "len(string_split(q.\"Rows\", ',')), s.\"Score\", ?, s.\"ModelVersion\", make_timestamp(?), "
            + "NULL, NULL, NULL, NULL, NULL, NULL FROM " + SCORES
            + " s JOIN " + SEQUENCES + " q ON q.\"SequenceId\" = s.\"SequenceId\" AND q.\"Dataset\" = s.\"Dataset\" "
            + "WHERE s.\"Dataset\" = ? AND s.\"Score\" > ?")) {
          insert.setDouble(1, threshold);
          insert.setLong(2, DuckDbBackend.toMicros(detectedAt));
          insert.setString(3, dataset);
          insert.setDouble(4, threshold);
          detections = insert.executeUpdate();
        }
        DetectionCounts counts;
        try (PreparedStatement labels = connection.prepareStatement("SELECT count(q.\"Label\"), "
            + "count(*) FILTER (WHERE q.\"Label\" = 1 AND s.\"Score\" > ?), count(*) FILTER (WHERE q.\"Label\" = 1) "
            + "FROM " + SCORES + " s JOIN " + SEQUENCES + " q ON q.\"SequenceId\" = s.\"SequenceId\" "
            + "AND q.\"Dataset\" = s.\"Dataset\" WHERE s.\"Dataset\" = ?")) {
          labels.setDouble(1, threshold);
          labels.setString(2, dataset);
          try (ResultSet result = labels.executeQuery()) {
            result.next();
            counts = new DetectionCounts(detections, threshold, model, result.getInt(1), result.getInt(2),
                result.getInt(3));
          }
        }
        return counts;
      });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the detections of " + dataset + ": " + e.getMessage(), e);
    }
  }

  /** A detected sequence with its flows and score, for mapping. */
  public record ScoredSequence(FlowSequence sequence, double score) {}

  /** The dataset's detected sequences with their flows and scores, in id order. */
  public List<ScoredSequence> detectedSequences(String dataset) {
    return read(dataset, "SELECT q.\"SequenceId\", q.\"Dataset\", q.\"Entity\", q.\"Rows\", q.\"Start\", d.\"Score\" "
        + "FROM "
        + DETECTIONS + " d JOIN " + SEQUENCES + " q ON q.\"SequenceId\" = d.\"SequenceId\" AND q.\"Dataset\" = "
        + "d.\"Dataset\" WHERE d.\"Dataset\" = ? ORDER BY q.\"SequenceId\"");
  }

  /** Sets the MITRE ATT&CK columns of the dataset's detections: the mapping per sequence id, none for the others. */
  public void writeMitre(String dataset, Map<String, MitreMapping> mappings) {
    try {
      database.inTransaction(connection -> {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + DETECTIONS + " SET "
            + "\"TacticId\" = ?, \"TacticName\" = ?, \"TechniqueId\" = ?, \"TechniqueName\" = ?, "
            + "\"MitreConfidence\" = ?, \"MitreEvidence\" = ? WHERE \"Dataset\" = ? AND \"SequenceId\" = ?")) {
          for (Map.Entry<String, MitreMapping> entry : mappings.entrySet()) {
            MitreMapping mapping = entry.getValue();
            update.setString(1, mapping.tacticId());
            update.setString(2, mapping.tacticName());
            update.setString(3, mapping.techniqueId());
            update.setString(4, mapping.techniqueName());
            update.setDouble(5, mapping.confidence());
            update.setString(6, mapping.evidence());
            update.setString(7, dataset);
            update.setString(8, entry.getKey());
            update.addBatch();
          }
          update.executeBatch();
        }
        return null;
      });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the MITRE mapping of " + dataset + ": " + e.getMessage(), e);
    }
  }

  /** One stored detection, with its sequence's label when the flows had labels and its MITRE mapping when mapped. */
  public record Detection(String sequenceId, String dataset, String entity, Instant first, Instant last,
      int flows, double score, Integer label, String tacticId, String tacticName, String techniqueId,
      String techniqueName, Double mitreConfidence) {}

  /** The dataset's {@code limit} highest-scoring detections, highest first. */
  public List<Detection> topDetections(String dataset, int limit) {
    return detections("WHERE d.\"Dataset\" = ?", List.of(dataset), limit);
  }

  /** The {@code limit} highest-scoring detections of every dataset, highest first. */
  public List<Detection> topDetections(int limit) {
    return detections("", List.of(), limit);
  }

  /** How many detections every dataset holds together. */
  public long detectionCount() {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM " + DETECTIONS)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the detections in " + database + ": " + e.getMessage(), e);
    }
  }

  /** How many detections of every dataset one MITRE ATT&CK technique (or none, with null ids) was mapped to. */
  public record TechniqueCount(String tacticId, String tacticName, String techniqueId, String techniqueName,
      long detections) {}

  /** The detections of every dataset counted by their MITRE tactic and technique, the most frequent first. */
  public List<TechniqueCount> detectionsByTechnique() {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT \"TacticId\", \"TacticName\", \"TechniqueId\", "
            + "\"TechniqueName\", count(*) FROM " + DETECTIONS
            + " GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 3 NULLS LAST")) {
      List<TechniqueCount> counts = new ArrayList<>();
      while (result.next()) {
        counts.add(new TechniqueCount(result.getString(1), result.getString(2), result.getString(3),
            result.getString(4), result.getLong(5)));
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the detections in " + database + " by technique: "
          + e.getMessage(), e);
    }
  }

  /** The detections {@code where} (with {@code parameters}) selects, highest score first, at most {@code limit}. */
  private List<Detection> detections(String where, List<String> parameters, int limit) {
    try (Connection connection = database.connection();
        PreparedStatement read = connection.prepareStatement("SELECT d.\"SequenceId\", d.\"Dataset\", d.\"Entity\", "
            + "epoch_us(d.\"FirstTime\"), epoch_us(d.\"LastTime\"), d.\"Flows\", d.\"Score\", q.\"Label\", "
            + "d.\"TacticId\", d.\"TacticName\", d.\"TechniqueId\", d.\"TechniqueName\", d.\"MitreConfidence\" FROM "
            + DETECTIONS + " d JOIN " + SEQUENCES + " q ON q.\"SequenceId\" = d.\"SequenceId\" "
            + "AND q.\"Dataset\" = d.\"Dataset\" " + where + " ORDER BY d.\"Score\" DESC, 1 LIMIT ?")) {
      int parameter = 1;
      for (String value : parameters) {
        read.setString(parameter++, value);
      }
      read.setInt(parameter, limit);
      List<Detection> detections = new ArrayList<>();
      try (ResultSet result = read.executeQuery()) {
        while (result.next()) {
          int label = result.getInt(8);
          Integer knownLabel = result.wasNull() ? null : label;
          double confidence = result.getDouble(13);
          detections.add(new Detection(result.getString(1), result.getString(2), result.getString(3),
              DuckDbBackend.fromMicros(result.getLong(4)), DuckDbBackend.fromMicros(result.getLong(5)),
              result.getInt(6), result.getDouble(7), knownLabel, result.getString(9), result.getString(10),
              result.getString(11), result.getString(12), result.wasNull() ? null : confidence));
        }
      }
      return detections;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the detections in " + database + ": " + e.getMessage(), e);
    }
  }

  /** The dataset's flows with these rows, in no particular order. */
  private static List<Flow> flows(Connection connection, String dataset, List<Long> rows) throws SQLException {
    List<Flow> flows = new ArrayList<>();
    try (PreparedStatement read = connection.prepareStatement("SELECT \"Row\", epoch_us(\"Timestamp\"), "
        + "\"FlowDuration\", \"SrcIp\", \"SrcPort\", \"DstIp\", \"DstPort\", \"FwdBytes\", \"BwdBytes\", \"FwdPkts\", "
        + "\"BwdPkts\", \"Label\" FROM " + FLOWS
        + " WHERE \"Dataset\" = ? AND \"Row\" IN (SELECT unnest(?::BIGINT[]))")) {
      read.setString(1, dataset);
      read.setObject(2, connection.createArrayOf("BIGINT", rows.toArray()));
      try (ResultSet result = read.executeQuery()) {
        while (result.next()) {
          int label = result.getInt(12);
          flows.add(new Flow(result.getLong(1), DuckDbBackend.fromMicros(result.getLong(2)), result.getDouble(3),
              result.getString(4), result.getInt(5), result.getString(6), result.getInt(7), result.getLong(8),
              result.getLong(9), result.getLong(10), result.getLong(11), result.wasNull() ? null : label));
        }
      }
    }
    return flows;
  }
}
