package io.vigil.investigation;

import io.vigil.backend.Backend;
import io.vigil.backend.SourceEvents;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * From an anomaly id back to what is behind it: the anomaly row, its series around the bin with the forecast band,
 * and the raw source events of the bin, read through the {@link Backend} so that it works on every backend.
 */
public final class AnomalyInvestigation {

  /** Every bin an anomaly table can hold, for finding an anomaly by id whatever its age. */
  public static final TimeRange ALL_TIME = new TimeRange(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));

  private static final Pattern ID = Pattern.compile(Pattern.quote(Anomaly.ID_PREFIX) + "[0-9a-f]{16}");

  private final Backend backend;
  private final List<SourceConfig> sources;

  /** @param sources the watchlist's rows: an anomaly is looked for among their sources' anomalies */
  public AnomalyInvestigation(Backend backend, List<SourceConfig> sources) {
    this.backend = backend;
    this.sources = List.copyOf(sources);
  }

  /**
   * What an investigation shows.
   *
   * @param series the anomaly's series, {@code binsEitherSide} bins either side of its bin
   * @param events the raw events of the anomaly's key and bin, at most the limit asked for
   * @param evidence the query that returns all of them, as the Anomalies table's Evidence column holds it
   */
  public record Investigation(Anomaly anomaly, SourceConfig config, SeriesWindow series, SourceEvents events,
      String evidence) {}

  /**
   * The anomaly with this id, looked for among the anomalies of every watchlist source.
   *
   * @throws IllegalArgumentException when {@code id} is not of the form every anomaly id has
   */
  public Optional<Anomaly> find(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("'" + id + "' is not an anomaly id: those are " + Anomaly.ID_PREFIX
          + " and 16 hex digits, as `vigil up` and `vigil report` print them");
    }
    for (SourceConfig config : sources) {
      for (Anomaly anomaly : backend.readAnomalies(config.source(), ALL_TIME)) {
        if (anomaly.id().equals(id)) {
          return Optional.of(anomaly);
        }
      }
    }
    return Optional.empty();
  }

  /** The watchlist row of the anomaly's source. */
  private SourceConfig configOf(Anomaly anomaly) {
    return sources.stream().filter(config -> config.source().equals(anomaly.source())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("anomaly " + anomaly.id() + " is of source "
            + anomaly.source() + ", which the watchlist does not name; its fields are needed to read its events"));
  }

  /**
   * The anomaly's series over {@code binsEitherSide} bins before and after its bin, and at most {@code eventLimit}
   * of the raw events of its bin.
   */
  public Investigation investigate(Anomaly anomaly, int binsEitherSide, int eventLimit) {
    if (binsEitherSide < 0 || eventLimit < 0) {
      throw new IllegalArgumentException("bins either side and events must not be negative, were " + binsEitherSide
          + " and " + eventLimit);
    }
    SourceConfig config = configOf(anomaly);
    Instant bin = anomaly.timeBin();
    TimeRange window = new TimeRange(bin.minus(config.binSize().multipliedBy(binsEitherSide)),
        bin.plus(config.binSize().multipliedBy(binsEitherSide + 1L)));
    SeriesWindow series = SeriesWindow.of(config.source(), anomaly.evidenceKey(), SeriesWindow.chartedMetric(anomaly),
        config.grid(), window, backend.readSeriesBins(config.source(), window, anomaly.evidenceKey()),
        backend.readLatestPredictions(config.source(), window, anomaly.evidenceKey()),
        backend.readAnomalies(config.source(), window));
    TimeRange binRange = new TimeRange(bin, bin.plus(config.binSize()));
    SourceEvents events = backend.readSourceEvents(config, anomaly.evidenceKey(), binRange, eventLimit);
    return new Investigation(anomaly, config, series, events,
        backend.evidenceQuery(config, anomaly.evidenceKey(), binRange));
  }
}
