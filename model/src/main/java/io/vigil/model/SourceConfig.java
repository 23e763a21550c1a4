package io.vigil.model;

import io.vigil.model.forecast.ForecastMethod;
import java.time.Duration;
import java.util.Objects;

/**
 * One watchlist row after validation, with every empty value replaced by its global default. Unused dimension
 * fields and an unused size field are empty strings, never null, so the record survives any serialiser.
 *
 * @param row the row's number among the watchlist's data rows (the header is not counted), for messages
 * @param source the table, view or stored function to analyse
 * @param binSize TimeSeriesBinSize: bin width, also the forecast step
 * @param generationDelay TimeSeriesGenerationDelay: a run only covers bins that ended at least this long ago
 * @param maxGenerationPeriod MaxTimeSeriesGenerationPeriod: how far back a run may reach (catch-up bound)
 * @param minForecastLookback MinForecastLookbackPeriod: history needed before a forecast is made
 * @param maxForecastLookback MaxForecastLookbackPeriod: history used by a forecast at most
 * @param forecastBins ForecastGenerationPeriod: bins predicted by each forecast run
 * @param forecastMethod ForecastModel: the model that forecasts this row's series; null means {@link
 *     ForecastMethod#KQL}
 */
public record SourceConfig(
    int row,
    String source,
    String hostnameField,
    String userField,
    String activityField,
    String srcIpAddrField,
    String sizeField,
    String timeField,
    Duration binSize,
    Duration generationDelay,
    Duration maxGenerationPeriod,
    Duration minForecastLookback,
    Duration maxForecastLookback,
    int forecastBins,
    ForecastMethod forecastMethod) {

  public SourceConfig {
    Objects.requireNonNull(source, "source");
    hostnameField = Objects.requireNonNullElse(hostnameField, "");
    userField = Objects.requireNonNullElse(userField, "");
    activityField = Objects.requireNonNullElse(activityField, "");
    srcIpAddrField = Objects.requireNonNullElse(srcIpAddrField, "");
    sizeField = Objects.requireNonNullElse(sizeField, "");
    Objects.requireNonNull(timeField, "timeField");
    Objects.requireNonNull(binSize, "binSize");
    Objects.requireNonNull(generationDelay, "generationDelay");
    Objects.requireNonNull(maxGenerationPeriod, "maxGenerationPeriod");
    Objects.requireNonNull(minForecastLookback, "minForecastLookback");
    Objects.requireNonNull(maxForecastLookback, "maxForecastLookback");
    forecastMethod = Objects.requireNonNullElse(forecastMethod, ForecastMethod.KQL);
  }

  public BinGrid grid() {
    return new BinGrid(binSize);
  }

  public boolean hasSize() {
    return !sizeField.isEmpty();
  }

  /** The source column behind each output dimension, in output column order; empty where unused. */
  public String fieldFor(Dimension dimension) {
    return switch (dimension) {
      case HOSTNAME -> hostnameField;
      case USER -> userField;
      case SRC_IP_ADDR -> srcIpAddrField;
      case ACTIVITY -> activityField;
    };
  }
}
