package io.vigil.backend.azure;

import com.azure.monitor.ingestion.LogsIngestionClient;
import com.azure.monitor.ingestion.models.LogsUploadException;
import com.azure.monitor.ingestion.models.LogsUploadOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploads rows to the Vigil tables through the Logs Ingestion API with the effect of exactly once, although the API
 * only appends.
 *
 * <p>Each write gets a deterministic id: a hash of the table, the write's scope (source and range or run) and the
 * rows themselves. Every uploaded row carries that id and its position. Before uploading, the uploader asks the
 * table which positions of the id are already there and sends only the others. So a retry after a failure in the
 * middle of an upload (some 1 MB chunks accepted, some not) completes the write without repeating a row, and a
 * repeated write of the same rows sends nothing.
 *
 * <p>The limit: rows become visible to queries only after ingestion, usually within a few minutes. A retry from
 * another process inside that window does not see the first attempt's rows and sends them again. Readers therefore
 * keep one row per natural key (the newest by TimeGenerated), which makes such copies invisible to Vigil and to the
 * workbook queries in docs/azure.md. Within one process, writes already completed are remembered and never re-sent.
 */
final class LogsUploader {

  /** Rows per write part: the check for existing rows must stay far below Log Analytics' result limit. */
  static final int PART_ROWS = 100_000;

  private final LogsIngestionClient client;
  private final String ruleId;
  private final LogAnalytics workspace;
  private final Clock clock;
  private final Set<String> completed = ConcurrentHashMap.newKeySet();

  LogsUploader(LogsIngestionClient client, String ruleId, LogAnalytics workspace, Clock clock) {
    this.client = client;
    this.ruleId = ruleId;
    this.workspace = workspace;
    this.clock = clock;
  }

  /**
   * Makes {@code table} hold {@code rows} once: rows already uploaded by an earlier attempt of the same write are
   * not sent again.
   *
   * @param scope what the write covers, such as the source and range; part of the write id
   * @param rows values by column name, in the table's data column order
   */
  void write(AzureTable table, String scope, List<Map<String, Object>> rows) {
    for (int start = 0; start < rows.size(); start += PART_ROWS) {
      writePart(table, scope + " part " + start / PART_ROWS,
          rows.subList(start, Math.min(rows.size(), start + PART_ROWS)));
    }
  }

  private void writePart(AzureTable table, String scope, List<Map<String, Object>> rows) {
    String writeId = writeId(table, scope, rows);
    if (completed.contains(writeId)) {
      return;
    }
    Set<Long> present = new HashSet<>();
    for (LogAnalytics.Row row : workspace.query(Kql.from(table.tableName())
        .where(Kql.column(AzureTable.WRITE_ID) + " == " + Kql.string(writeId))
        .then("distinct " + Kql.column(AzureTable.ROW)))) {
      present.add(row.count(AzureTable.ROW));
    }
    String uploadedAt = clock.instant().toString();
    List<Object> missing = new ArrayList<>();
    for (int position = 0; position < rows.size(); position++) {
      if (!present.contains((long) position)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(AzureTable.TIME_GENERATED, uploadedAt);
        row.put(AzureTable.WRITE_ID, writeId);
        row.put(AzureTable.ROW, position);
        // Numbers and flags go as JSON numbers and booleans; times as ISO 8601 text, which the stream declares.
        rows.get(position).forEach((column, value) -> row.put(column, value instanceof Instant ? value.toString()
            : value));
        missing.add(row);
      }
    }
    if (!missing.isEmpty()) {
      try {
        client.upload(ruleId, table.streamName(), missing, new LogsUploadOptions().setMaxConcurrency(1));
      } catch (LogsUploadException e) {
        throw new IllegalStateException("Logs Ingestion accepted only part of write " + writeId + " to "
            + table.tableName() + " (" + scope + "): " + e.getFailedLogsCount() + " of " + missing.size()
            + " rows failed; a retry sends the rest", e);
      }
    }
    completed.add(writeId);
  }

  /** The write's id: the same table, scope and rows always give the same id. */
  static String writeId(AzureTable table, String scope, List<Map<String, Object>> rows) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    digest.update((table.tableName() + '\n' + scope + '\n').getBytes(StandardCharsets.UTF_8));
    for (Map<String, Object> row : rows) {
      for (Object value : row.values()) {
        digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x1f);
      }
      digest.update((byte) 0x1e);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }
}
