SELECT * FROM "NetworkFlows" LIMIT 0
