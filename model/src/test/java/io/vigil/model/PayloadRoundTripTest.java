package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.vigil.model.series.ChunkRequest;
import io.vigil.model.series.ChunkResult;
import io.vigil.model.series.InspectRequest;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesProgress;
import io.vigil.model.series.SourceState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Every record that crosses a workflow or activity boundary must come back equal from Temporal's default data
 * converter (Jackson JSON), or a workflow would see different values than its caller sent.
 */
class PayloadRoundTripTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  private static final SourceConfig CONFIG = new SourceConfig(3, "SigninLogs", "Computer", "UserPrincipalName",
      "OperationName", "IPAddress", "DurationMs", "TimeGenerated", Duration.ofMinutes(10), Duration.ofMinutes(30),
      Duration.ofDays(14), Duration.ofHours(36), Duration.ofDays(28), 24, null);

  private static final TimeRange RANGE =
      new TimeRange(Instant.parse("2024-05-01T09:00:00Z"), Instant.parse("2024-05-01T09:40:00Z"));

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) {
    Payload payload = CONVERTER.toPayload(value).orElseThrow();
    String json = payload.getData().toStringUtf8();
    Class<T> type = (Class<T>) value.getClass();
    T back = CONVERTER.fromPayload(payload, type, type);
    assertEquals(value, back, () -> "round trip through " + json);
    return back;
  }

  @Test
  void sourceConfigRoundTrips() {
    roundTrip(CONFIG);
  }

  @Test
  void sourceConfigWithUnusedFieldsRoundTrips() {
    SourceConfig sparse = new SourceConfig(1, "Syslog", null, null, null, null, null, "TimeGenerated",
        Duration.ofMinutes(7), Duration.ZERO, Duration.ofSeconds(43_200), Duration.ZERO, Duration.ofDays(1), 1, null);
    SourceConfig back = roundTrip(sparse);
    assertEquals("", back.hostnameField());
    assertEquals("", back.sizeField());
  }

  @Test
  void timeRangeRoundTrips() {
    roundTrip(RANGE);
  }

  @Test
  void timeRangeIsWrittenAsItsTwoBoundsOnly() {
    // Derived values such as isEmpty() or length() must not become payload fields that history would then carry.
    String json = CONVERTER.toPayload(RANGE).orElseThrow().getData().toStringUtf8();
    assertEquals("{\"start\":\"2024-05-01T09:00:00Z\",\"end\":\"2024-05-01T09:40:00Z\"}", json);
  }

  @Test
  void anEmptyTimeRangeRoundTrips() {
    Instant t = Instant.parse("2024-05-01T09:40:00Z");
    TimeRange back = roundTrip(new TimeRange(t, t));
    assertTrue(back.isEmpty());
  }

  @Test
  void timeRangeWithNanosecondsAndInstantsBefore1970RoundTrips() {
    roundTrip(new TimeRange(Instant.parse("1969-12-31T23:50:00.123456789Z"), Instant.parse("2024-05-01T09:40:00.5Z")));
  }

  @Test
  void seriesGenerationInputWithDefaultTuningRoundTrips() {
    SeriesGenerationInput back = roundTrip(new SeriesGenerationInput(CONFIG, null));
    assertEquals(SeriesGenerationInput.Tuning.DEFAULT, back.tuning());
  }

  @Test
  void seriesGenerationInputWithCustomTuningRoundTrips() {
    roundTrip(new SeriesGenerationInput(CONFIG, new SeriesGenerationInput.Tuning(
        Duration.ofHours(6), Duration.ofMinutes(90), Duration.ofSeconds(2), Duration.ofSeconds(10),
        Duration.ofMinutes(5), 3)));
  }

  @Test
  void seriesGenerationResultRoundTrips() {
    roundTrip(new SeriesGenerationResult("SigninLogs", Instant.parse("2024-05-01T10:17:42.250Z"), RANGE,
        new TimeRange(Instant.parse("2024-04-20T00:00:00Z"), Instant.parse("2024-04-30T10:20:00Z")), 1234L,
        Instant.parse("2024-05-01T09:00:00Z"), Instant.parse("2024-05-01T09:30:00Z"),
        Instant.parse("2024-05-01T09:40:00Z"), Duration.ofMinutes(37).plusSeconds(42).plusMillis(250)));
  }

  @Test
  void seriesGenerationResultWithNullFieldsRoundTrips() {
    Instant now = Instant.parse("2024-05-01T10:17:42Z");
    Instant end = Instant.parse("2024-05-01T09:40:00Z");
    SeriesGenerationResult back = roundTrip(
        new SeriesGenerationResult("SigninLogs", now, new TimeRange(end, end), null, 0L, null, null, null, null));
    assertEquals(null, back.skipped());
    assertEquals(null, back.lag());
  }

  @Test
  void activityPayloadsRoundTrip() {
    roundTrip(new InspectRequest(CONFIG));
    roundTrip(new SourceState(Instant.parse("2024-05-01T09:40:00Z"), null));
    roundTrip(new SourceState(null, Instant.parse("2024-03-01T00:00:01Z")));
    roundTrip(new SourceState(null, null));
    roundTrip(new ChunkRequest(CONFIG, RANGE, Duration.ofHours(6), Duration.ZERO));
    roundTrip(new ChunkResult(RANGE, 42L, Instant.parse("2024-05-01T09:00:00Z"),
        Instant.parse("2024-05-01T09:30:00Z"), Duration.ofHours(12)));
    roundTrip(new ChunkResult(RANGE, 0L, null, null, Duration.ofMinutes(10)));
    roundTrip(new SeriesProgress(3, 10, Instant.parse("2024-05-01T09:40:00Z")));
    roundTrip(new SeriesProgress(0, 0, null));
  }
}
