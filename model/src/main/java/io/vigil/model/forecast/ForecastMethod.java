package io.vigil.model.forecast;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The forecast models a watchlist row can choose (column ForecastModel); {@link #KQL} is the default. */
public enum ForecastMethod {
  /** KQL {@code series_decompose_forecast} with its defaults: auto-detected seasonality, trend {@code avg}. */
  KQL("kql", false),
  /** KQL {@code series_decompose_forecast} with trend {@code linefit}. */
  KQL_LINEFIT("kql-linefit", false),
  /** Daily and weekly robust decomposition with a damped trend (docs/forecasting.md). */
  MULTISEASONAL("multiseasonal", true),
  /** The same bin one day earlier. */
  SNAIVE("snaive", true);

  private final String id;
  private final boolean daily;

  ForecastMethod(String id, boolean daily) {
    this.id = id;
    this.daily = daily;
  }

  /** Whether the model's cycles are a day and a week, so that the bin size must divide a day. */
  public boolean daily() {
    return daily;
  }

  /** The name used in watchlists, on the command line and in the Prediction table's Model column. */
  public String id() {
    return id;
  }

  public static Optional<ForecastMethod> byId(String id) {
    return Arrays.stream(values()).filter(method -> method.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
  }

  /** The accepted ids, for messages. */
  public static String ids() {
    return String.join(", ", Arrays.stream(values()).map(ForecastMethod::id).toList());
  }
}
