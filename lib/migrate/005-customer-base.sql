-- 005-customer-base: merges (so unmerge can undo them), the tombstones of
-- erased people, and what vCards bring that has no other field.

-- One row per duplicate merged into a kept record: the duplicate as it was
-- (JSON of display values), the kept record's changed fields before and
-- after, and the records moved ([{"entity","field","ids"}]).
CREATE TABLE crm_merge (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    keep_id INTEGER NOT NULL,
    dup_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    dup_record TEXT NOT NULL,
    keep_before TEXT NOT NULL,
    keep_after TEXT NOT NULL,
    moved TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX crm_merge_dup ON crm_merge(entity, dup_id);

-- Erased people: SHA-256 (hex) of the email key or the phone key, so that
-- imports can skip them without keeping the data itself.
CREATE TABLE crm_tombstone (
    kind TEXT NOT NULL,
    hash TEXT NOT NULL,
    entity TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (kind, hash)
) WITHOUT ROWID;

-- add and import look up likely duplicates by surname ignoring (ASCII) case.
CREATE INDEX contact_last_name_nocase ON contact(last_name COLLATE NOCASE);

-- vCard: the card's UID (re-imports update by it) and the properties kept
-- as they came.
ALTER TABLE contact ADD COLUMN uid TEXT;
ALTER TABLE contact ADD COLUMN vcard TEXT;
CREATE UNIQUE INDEX contact_uid ON contact(uid) WHERE uid IS NOT NULL;
