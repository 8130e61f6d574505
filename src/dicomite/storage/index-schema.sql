-- SPDX-License-Identifier: MIT
-- The Dicomite index, schema version 2 (PRAGMA user_version). Owned by dicomite.storage.Index,
-- which runs this file once on a new database; an index of an older version is set aside and
-- rebuilt from the files. Times are epoch microseconds. The study and series attributes are
-- matching keys for search (spec §4.3), first values with trailing spaces and NULs removed:
-- UIDs as stored; PatientID, AccessionNumber, StudyDescription and ManufacturerModelName lower
-- case (the service compares them ignoring case); Modality as stored, ASCII by its VR (CS), so
-- COLLATE NOCASE; person names as stored, with a *_fold column (lower case, accents removed)
-- and their words in person_name_word for the accent-insensitive and fuzzy matching. Search
-- answers with the stored metadata, never with these keys (IndexSearch). Rows, not files,
-- decide visibility: an instance is visible while its status is 1, 2 or 3.

CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE partition (
    partition_key INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
);
INSERT INTO partition (partition_key, name, created_at) VALUES (1, 'Microsoft.Default', 0);

-- study_key grows with creation, so "newest first" (spec §4.4) is ORDER BY study_key DESC.
CREATE TABLE study (
    study_key                     INTEGER PRIMARY KEY,
    partition_key                 INTEGER NOT NULL REFERENCES partition,
    study_uid                     TEXT NOT NULL,
    patient_id                    TEXT,
    patient_name                  TEXT,
    patient_name_fold             TEXT,
    patient_birth_date            TEXT,
    accession_number              TEXT,
    referring_physician_name      TEXT,
    referring_physician_name_fold TEXT,
    study_date                    TEXT,
    study_description             TEXT,
    expires_at                    INTEGER,
    UNIQUE (partition_key, study_uid)
);
CREATE INDEX study_partition ON study (partition_key); -- then by study_key: newest first
CREATE INDEX study_patient_id ON study (partition_key, patient_id);
CREATE INDEX study_patient_name ON study (partition_key, patient_name_fold);
CREATE INDEX study_patient_birth_date ON study (partition_key, patient_birth_date);
CREATE INDEX study_accession_number ON study (partition_key, accession_number);
CREATE INDEX study_referring_physician ON study (partition_key, referring_physician_name_fold);
CREATE INDEX study_date ON study (partition_key, study_date);
CREATE INDEX study_description ON study (partition_key, study_description);
CREATE INDEX study_expiry ON study (expires_at) WHERE expires_at IS NOT NULL;

-- The words of a study's person names (attribute 1 PatientName, 2 ReferringPhysicianName), in
-- order from 0, as IndexSearch splits the *_fold value: fuzzy matching (spec §4.3) looks each
-- query word up as a prefix range of word and chains them by position.
CREATE TABLE person_name_word (
    study_key INTEGER NOT NULL REFERENCES study ON DELETE CASCADE,
    attribute INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    word      TEXT NOT NULL,
    PRIMARY KEY (study_key, attribute, position)
) WITHOUT ROWID;
CREATE INDEX person_name_word_prefix ON person_name_word (attribute, word);

CREATE TABLE series (
    series_key                          INTEGER PRIMARY KEY,
    study_key                           INTEGER NOT NULL REFERENCES study,
    partition_key                       INTEGER NOT NULL REFERENCES partition,
    series_uid                          TEXT NOT NULL,
    modality                            TEXT COLLATE NOCASE,
    performed_procedure_step_start_date TEXT,
    manufacturer_model_name             TEXT,
    series_description                  TEXT COLLATE NOCASE,
    series_number                       INTEGER,
    UNIQUE (study_key, series_uid)
);
CREATE INDEX series_partition ON series (partition_key); -- then by series_key
CREATE INDEX series_uid ON series (partition_key, series_uid);
CREATE INDEX series_modality ON series (partition_key, modality);
CREATE INDEX series_study_modality ON series (study_key, modality);
CREATE INDEX series_pps_start_date ON series (partition_key, performed_procedure_step_start_date);
CREATE INDEX series_model_name ON series (partition_key, manufacturer_model_name);

-- status: 0 creating (reserved, invisible), 1 created, 2 replacing (a new version is being
-- written beside), 3 swapping (the new version is committed, its file not yet renamed over the
-- old), 4 deleting (invisible, files being removed). version: the watermark of the current
-- version, 0 before the first commit. series_key is NULL while creating and deleting.
CREATE TABLE instance (
    instance_key        INTEGER PRIMARY KEY,
    partition_key       INTEGER NOT NULL REFERENCES partition,
    study_uid           TEXT NOT NULL,
    series_uid          TEXT NOT NULL,
    sop_uid             TEXT NOT NULL,
    series_key          INTEGER REFERENCES series,
    status              INTEGER NOT NULL,
    version             INTEGER NOT NULL,
    sop_class_uid       TEXT,
    transfer_syntax_uid TEXT,
    size                INTEGER,
    frames              INTEGER,
    instance_number     INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    UNIQUE (partition_key, study_uid, series_uid, sop_uid)
);
CREATE INDEX instance_series ON instance (series_key, version);
CREATE INDEX instance_sop ON instance (partition_key, sop_uid);
CREATE INDEX instance_version ON instance (partition_key, version);
CREATE INDEX instance_unfinished ON instance (status) WHERE status <> 1;

-- The DICOM JSON metadata of the current version (spec §2.2 step 6), written once per version.
CREATE TABLE metadata (
    instance_key INTEGER PRIMARY KEY REFERENCES instance ON DELETE CASCADE,
    json         TEXT NOT NULL
);

-- action: 0 Create, 1 Delete, 2 Update. The state of an entry is computed when read (spec §6.1).
CREATE TABLE change_feed (
    sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
    partition_key INTEGER NOT NULL REFERENCES partition,
    study_uid     TEXT NOT NULL,
    series_uid    TEXT NOT NULL,
    sop_uid       TEXT NOT NULL,
    action        INTEGER NOT NULL,
    timestamp     INTEGER NOT NULL,
    version       INTEGER NOT NULL
);
CREATE INDEX change_feed_instance ON change_feed (partition_key, study_uid, series_uid, sop_uid);
CREATE INDEX change_feed_time ON change_feed (timestamp, sequence);

-- Planner statistics (SQLite "manual control of query plans"): the shape of an archive of
-- 100,000 instances in 2,000 studies of 5 series, one partition. Without them SQLite guesses
-- that partition_key is selective and scans instance_version in order rather than looking up
-- a SOP, study or patient; with them every search starts from its most selective index, at
-- any size. A later ANALYZE replaces them with measured figures, which keep the same shape.
ANALYZE sqlite_schema;
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
    ('partition', 'sqlite_autoindex_partition_1', '1 1'),
    ('study', 'sqlite_autoindex_study_1', '2000 2000 1'),
    ('study', 'study_partition', '2000 2000'),
    ('study', 'study_patient_id', '2000 2000 2'),
    ('study', 'study_patient_name', '2000 2000 2'),
    ('study', 'study_patient_birth_date', '2000 2000 4'),
    ('study', 'study_accession_number', '2000 2000 1'),
    ('study', 'study_referring_physician', '2000 2000 20'),
    ('study', 'study_date', '2000 2000 3'),
    ('study', 'study_description', '2000 2000 20'),
    ('study', 'study_expiry', '10 1'),
    ('person_name_word', 'sqlite_autoindex_person_name_word_1', '8000 4 2 1'),
    ('person_name_word', 'person_name_word_prefix', '8000 4000 3'),
    ('series', 'sqlite_autoindex_series_1', '10000 5 1'),
    ('series', 'series_partition', '10000 10000'),
    ('series', 'series_uid', '10000 10000 1'),
    ('series', 'series_modality', '10000 10000 1000'),
    ('series', 'series_study_modality', '10000 5 2'),
    ('series', 'series_pps_start_date', '10000 10000 10'),
    ('series', 'series_model_name', '10000 10000 500'),
    ('instance', 'sqlite_autoindex_instance_1', '100000 100000 50 10 1'),
    ('instance', 'instance_series', '100000 20 1'),
    ('instance', 'instance_sop', '100000 100000 1'),
    ('instance', 'instance_version', '100000 100000 1'),
    ('instance', 'instance_unfinished', '10 5'),
    ('change_feed', 'change_feed_instance', '100000 100000 100 20 2'),
    ('change_feed', 'change_feed_time', '100000 1 1');
