DELETE FROM "SentinelCustomAnalytics_Prediction" WHERE "Source" = ? AND "GeneratedAt" = TO_TIMESTAMP_NTZ(?, 6)
