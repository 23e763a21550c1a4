package io.vigil.backend.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.models.ResponseError;
import com.azure.core.util.Context;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import com.azure.monitor.query.models.QueryTimeInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs KQL against one Log Analytics workspace through the azure-monitor-query client, and tells complete results
 * from cut ones: Log Analytics answers a query that exceeds its limits (rows, size, time) with the rows it managed
 * and an error beside them, which must never be taken for the whole answer.
 */
final class LogAnalytics {

  /** A result was cut by the service's limits; the caller narrows the query and asks again. */
  static final class TruncatedResultException extends RuntimeException {
    TruncatedResultException(String message) {
      super(message);
    }
  }

  /** The service refused the query itself (HTTP 400): a missing table or column, or a type mismatch. */
  static final class QueryRejectedException extends RuntimeException {
    QueryRejectedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A result: its column names in order (none when it has no rows), and its rows. */
  record Table(List<String> columns, List<Row> rows) {}

  /** One result row, by column name, in column order. */
  record Row(Map<String, LogsTableCell> cells) {

    String string(String column) {
      String value = cell(column).getValueAsString();
      return value == null ? "" : value;
    }

    Instant instant(String column) {
      OffsetDateTime value = cell(column).getValueAsDateTime();
      return value == null ? null : value.toInstant();
    }

    Double nullableDouble(String column) {
      return cell(column).getValueAsDouble();
    }

    double number(String column) {
      Double value = nullableDouble(column);
      if (value == null) {
        throw new IllegalStateException("column " + column + " is empty in a Log Analytics result");
      }
      return value;
    }

    long count(String column) {
      Long value = cell(column).getValueAsLong();
      return value == null ? 0 : value;
    }

    boolean flag(String column) {
      return Boolean.TRUE.equals(cell(column).getValueAsBoolean());
    }

    private LogsTableCell cell(String column) {
      LogsTableCell cell = cells.get(column);
      if (cell == null) {
        throw new IllegalStateException("a Log Analytics result lacks column " + column + "; it has " + cells.keySet());
      }
      return cell;
    }
  }

  private final LogsQueryClient client;
  private final String workspaceId;
  private final Duration serverTimeout;
  private final int maxRows;

  LogAnalytics(LogsQueryClient client, String workspaceId, Duration serverTimeout, int maxRows) {
    this.client = client;
    this.workspaceId = workspaceId;
    this.serverTimeout = serverTimeout;
    this.maxRows = maxRows;
  }

  /**
   * The rows of {@code query}.
   *
   * @throws TruncatedResultException when the service reports a partial result or returns {@code maxRows} rows
   * @throws QueryRejectedException when the service rejects the query as invalid
   */
  List<Row> query(Kql query) {
    return table(query).rows();
  }

  /**
   * The columns and rows of {@code query}.
   *
   * @throws TruncatedResultException when the service reports a partial result or returns {@code maxRows} rows
   * @throws QueryRejectedException when the service rejects the query as invalid
   */
  Table table(Kql query) {
    LogsQueryOptions options = new LogsQueryOptions().setServerTimeout(serverTimeout).setAllowPartialErrors(true);
    LogsQueryResult result;
    try {
      // The time filter is in the query itself; the interval only must not narrow it.
      result = client.queryWorkspaceWithResponse(workspaceId, query.text(), QueryTimeInterval.ALL, options,
          Context.NONE).getValue();
    } catch (HttpResponseException e) {
      if (e.getResponse() != null && e.getResponse().getStatusCode() == 400) {
        throw new QueryRejectedException(e.getMessage(), e);
      }
      throw e;
    }
    if (result.getQueryResultStatus() == LogsQueryResultStatus.PARTIAL_FAILURE) {
      ResponseError error = result.getError();
      throw new TruncatedResultException("Log Analytics returned a partial result"
          + (error == null ? "" : ": " + error.getCode() + " " + error.getMessage()));
    }
    if (result.getQueryResultStatus() == LogsQueryResultStatus.FAILURE) {
      ResponseError error = result.getError();
      throw new IllegalStateException("Log Analytics query failed"
          + (error == null ? "" : ": " + error.getCode() + " " + error.getMessage()));
    }
    List<Row> rows = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    if (result.getTable() != null) {
      // The client leaves LogsTable's column list empty, so the names come from the cells of the first row; a
      // result without rows has no column names here.
      for (LogsTableRow row : result.getTable().getRows()) {
        if (columns.isEmpty()) {
          row.getRow().forEach(cell -> columns.add(cell.getColumnName()));
        }
        Map<String, LogsTableCell> cells = new LinkedHashMap<>();
        row.getRow().forEach(cell -> cells.put(cell.getColumnName(), cell));
        rows.add(new Row(cells));
      }
    }
    if (rows.size() >= maxRows) {
      throw new TruncatedResultException("Log Analytics returned " + rows.size() + " rows, the most one query may "
          + "return here, so the result may be cut");
    }
    return new Table(List.copyOf(columns), rows);
  }
}
