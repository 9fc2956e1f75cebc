-- Flyway callback, before every validation (and so before every migrate): accepts the listed edits of
-- applied versioned migrations, and no other. Flyway refuses to migrate an installation whose applied file
-- no longer has the checksum it was applied with; each row below names a file, the checksum installations
-- applied it with and the checksum of its text now, and moves exactly that pair forward.
-- An edit belongs here only when it cannot change the schema an installation ends with (comments, or a
-- function text the repeatable migrations replace anyway); anything else is a new versioned migration.
--
--   V002 V003 V004 V007 V021 V022 V023 V050  comments: rules stated instead of citing documents outside the
--                                             repository
--   V003 V005 V007 V021-V027 V052             the function texts that the R__ files replace on every
--                                             installation removed (V027's rewrite of two functions from their
--                                             stored text among them), with their grants; V003's percentile
--                                             columns are created plain (V007 dropped their expressions)
--   V003 V021 V022 V023 V025                  their backfills of existing traces' rollups removed: V060's
--                                             backfill rebuilds them once, after the R__ files
--   V060                                      that backfill, requested (it runs only where V060 is not applied yet,
--                                             that is where the backfills above did not run)
DO
$$
BEGIN
    IF to_regclass('flyway_schema_history') IS NULL THEN
        RETURN; -- an empty database: nothing applied yet
    END IF;
    UPDATE flyway_schema_history h
    SET checksum = e.now_checksum
    FROM (VALUES ('002', -1266375991, 1701576019),
                 ('003', -2088079943, 2081161771),
                 ('004', -881657781, 767244845),
                 ('005', -701450612, -1294771134),
                 ('007', -1930720012, 394536805),
                 ('021', -1137718794, -211512016),
                 ('022', 1467625136, 1073051389),
                 ('023', -407138642, -1224612316),
                 ('024', 1784161558, -2083362015),
                 ('025', -1971881068, -169221457),
                 ('026', 629773486, -2023482591),
                 ('027', -752840037, 409822884),
                 ('050', -872972998, 575778042),
                 ('052', -1770496990, -125446597),
                 ('060', 218895711, 184182109)) AS e(version, applied_checksum, now_checksum)
    WHERE h.version = e.version AND h.checksum = e.applied_checksum;
END
$$;
