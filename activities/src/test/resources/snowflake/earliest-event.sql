SELECT DATE_PART(EPOCH_MICROSECOND, min("TimeGenerated")) FROM "SigninLogs"
