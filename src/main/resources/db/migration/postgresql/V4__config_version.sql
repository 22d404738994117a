-- One row counting committed changes to the routing configuration (issue 6). Every admin write bumps it in its own
-- transaction; each gateway instance compares it with the version of its snapshot and reloads when they differ, so a
-- change made through any instance on a shared database reaches all of them. Keep in step with the SQLite file.
CREATE TABLE config_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);
INSERT INTO config_version (id, version) VALUES (1, 0);
