-- Emergency rollback of the enterprise migration (MigrationsCli rollback-enterprise): drops the six
-- organisational columns V002 added to traces. The only sanctioned DROP. Take a backup
-- first (pg_dump); every MVP column and every row is left as it was. Idempotent.
BEGIN;
ALTER TABLE traces DROP COLUMN IF EXISTS department_id;
ALTER TABLE traces DROP COLUMN IF EXISTS environment;
ALTER TABLE traces DROP COLUMN IF EXISTS version;
ALTER TABLE traces DROP COLUMN IF EXISTS agent_version;
ALTER TABLE traces DROP COLUMN IF EXISTS intent_category;
ALTER TABLE traces DROP COLUMN IF EXISTS user_segment;
COMMIT;
