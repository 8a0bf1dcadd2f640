"""Analysis of the built tables: one row per poll, periods, statistics, trends and regions."""
