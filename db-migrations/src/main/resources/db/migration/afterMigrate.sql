-- Flyway callback, after every migrate (CLI, seeder, test contexts): the backfills the versioned
-- migrations requested, now that the repeatable migrations hold the current functions.
SELECT agentobs_run_schema_backfills();
