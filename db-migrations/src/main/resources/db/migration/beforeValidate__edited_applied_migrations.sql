-- Flyway callback, before every validation (and so before every migrate): accepts the listed edits of
-- applied versioned migrations, and no other. Flyway refuses to migrate an installation whose applied file
-- no longer has the checksum it was applied with; each row below names a file, the checksum installations
-- applied it with and the checksum of its text now, and moves exactly that pair forward.
-- An edit belongs here only when it cannot change the schema an installation ends with (comments, or a
-- function text the repeatable migrations replace anyway); anything else is a new versioned migration.
--
--   V002 V003 V004 V007 V021 V022 V023 V050  comments: rules stated instead of citing documents outside the
--                                             repository
--   V027  the rewrite of two functions from their stored text removed (R__user_rollups_and_cells.sql holds
--         their current text, and replaces them on every installation)
DO
$$
BEGIN
    IF to_regclass('flyway_schema_history') IS NULL THEN
        RETURN; -- an empty database: nothing applied yet
    END IF;
    UPDATE flyway_schema_history h
    SET checksum = e.now_checksum
    FROM (VALUES ('002', -1266375991, 1701576019),
                 ('003', -2088079943, 1216115007),
                 ('004', -881657781, 767244845),
                 ('007', -1930720012, -274727949),
                 ('021', -1137718794, 1649199343),
                 ('022', 1467625136, -89418746),
                 ('023', -407138642, -1619908776),
                 ('027', -752840037, -634149206),
                 ('050', -872972998, 575778042)) AS e(version, applied_checksum, now_checksum)
    WHERE h.version = e.version AND h.checksum = e.applied_checksum;
END
$$;
