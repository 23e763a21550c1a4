SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND upper(table_name) = upper(?) ORDER BY table_name, ordinal_position
