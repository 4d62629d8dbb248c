"""Analysis: pure functions on count tables (representation, workload, statistics)."""
