SELECT DATE_PART(EPOCH_MICROSECOND, "GeneratedUntil") FROM "SentinelCustomAnalytics_SeriesWatermark" WHERE "Source" = ?
