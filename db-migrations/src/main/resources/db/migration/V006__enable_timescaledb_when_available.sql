-- When the timescaledb extension is installed and preloaded, `traces` becomes a
-- hypertable with compression and retention; otherwise this migration does nothing
-- and `traces` stays a plain table. Table and column names are identical either way,
-- and no query depends on which one is present.
DO
$$
    BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
            AND current_setting('shared_preload_libraries', TRUE) LIKE '%timescaledb%' THEN
            EXECUTE 'CREATE EXTENSION IF NOT EXISTS timescaledb';
            EXECUTE $sql$SELECT create_hypertable('traces', 'timestamp', chunk_time_interval => INTERVAL '1 day',
                                                  migrate_data => TRUE)$sql$;
            EXECUTE $sql$ALTER TABLE traces SET (timescaledb.compress,
                timescaledb.compress_segmentby = 'workspace_id, agent_id',
                timescaledb.compress_orderby = 'timestamp DESC')$sql$;
            EXECUTE $sql$SELECT add_compression_policy('traces', INTERVAL '7 days')$sql$;
            EXECUTE $sql$SELECT add_retention_policy('traces', INTERVAL '400 days')$sql$;
            RAISE NOTICE 'timescaledb: traces is a hypertable (compression after 7 days, retention 400 days)';
        ELSE
            RAISE NOTICE 'timescaledb not available: traces stays a plain PostgreSQL table';
        END IF;
    END
$$;
