-- SPDX-License-Identifier: MIT
-- The Dicomite index, schema version 1 (PRAGMA user_version). Owned by dicomite.storage.Index,
-- which runs this file once on a new database. Times are epoch microseconds. Text attributes
-- are first values with padding removed; those the service matches case-insensitively are
-- COLLATE NOCASE, and person names also have a *_fold column (lower case, accents removed) for
-- the accent-insensitive and fuzzy matching of spec §4.3. Rows, not files, decide visibility:
-- an instance is visible while its status is 1, 2 or 3.

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
    patient_id                    TEXT COLLATE NOCASE,
    patient_name                  TEXT,
    patient_name_fold             TEXT,
    patient_birth_date            TEXT,
    accession_number              TEXT COLLATE NOCASE,
    referring_physician_name      TEXT,
    referring_physician_name_fold TEXT,
    study_date                    TEXT,
    study_description             TEXT COLLATE NOCASE,
    expires_at                    INTEGER,
    UNIQUE (partition_key, study_uid)
);
CREATE INDEX study_patient_id ON study (partition_key, patient_id);
CREATE INDEX study_patient_name ON study (partition_key, patient_name_fold);
CREATE INDEX study_patient_birth_date ON study (partition_key, patient_birth_date);
CREATE INDEX study_accession_number ON study (partition_key, accession_number);
CREATE INDEX study_referring_physician ON study (partition_key, referring_physician_name_fold);
CREATE INDEX study_date ON study (partition_key, study_date);
CREATE INDEX study_description ON study (partition_key, study_description);
CREATE INDEX study_expiry ON study (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE series (
    series_key                          INTEGER PRIMARY KEY,
    study_key                           INTEGER NOT NULL REFERENCES study,
    partition_key                       INTEGER NOT NULL REFERENCES partition,
    series_uid                          TEXT NOT NULL,
    modality                            TEXT COLLATE NOCASE,
    performed_procedure_step_start_date TEXT,
    manufacturer_model_name             TEXT COLLATE NOCASE,
    series_description                  TEXT COLLATE NOCASE,
    series_number                       INTEGER,
    UNIQUE (study_key, series_uid)
);
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
