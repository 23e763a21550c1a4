package io.vigil.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a watchlist row's source is read and its Vigil tables are written (DESIGN section 6). */
public enum BackendKind {
  /** The embedded DuckDB file: the default, and the only one that needs no account. */
  DUCKDB("duckdb"),
  /** Azure Log Analytics (the Microsoft Sentinel workspace), read with KQL and written through Logs Ingestion. */
  AZURE("azure"),
  /** Snowflake, through snowflake-jdbc. */
  SNOWFLAKE("snowflake");

  private final String id;

  BackendKind(String id) {
    this.id = id;
  }

  /** The name used in the watchlist's Backend column and the DefaultBackend key. */
  public String id() {
    return id;
  }

  public static Optional<BackendKind> byId(String id) {
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(kind -> kind.id.equals(wanted)).findFirst();
  }

  /** Every id, comma-separated, for messages. */
  public static String ids() {
    return Arrays.stream(values()).map(BackendKind::id).collect(Collectors.joining(", "));
  }
}
