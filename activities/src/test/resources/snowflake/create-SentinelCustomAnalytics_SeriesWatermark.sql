CREATE TABLE IF NOT EXISTS "SentinelCustomAnalytics_SeriesWatermark" ("Source" VARCHAR PRIMARY KEY, "GeneratedUntil" TIMESTAMP_NTZ, "UpdatedAt" TIMESTAMP_NTZ)
