SELECT DATE_PART(EPOCH_MICROSECOND, max("GeneratedAt")) FROM "SentinelCustomAnalytics_Prediction" WHERE "Source" = ?
