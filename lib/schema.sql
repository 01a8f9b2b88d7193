-- crm schema, version 1.  Built into every tool; `crm init` runs it in one
-- transaction and sets PRAGMA user_version = 1.  Later versions add
-- migrations in db.c, each run inside a transaction.
--
-- Conventions: money and decimals are INTEGER (minor units / scaled);
-- dates TEXT 'YYYY-MM-DD', times TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC); tags TEXT
-- ';a;b;'; booleans INTEGER 0/1; <col>_key holds the comparison key of an
-- email (case-folded) or a phone (E.164, or digits when the country is
-- unknown); custom fields live in the JSON object "custom".

CREATE TABLE crm_user (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    full_name TEXT,
    email TEXT, email_key TEXT,
    phone TEXT, phone_key TEXT,
    department TEXT,
    region TEXT,
    manager_id INTEGER REFERENCES crm_user(id) ON DELETE SET NULL,
    active INTEGER NOT NULL DEFAULT 1,
    tags TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT,
    industry TEXT,
    parent_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
    website TEXT,
    phone TEXT, phone_key TEXT,
    email TEXT, email_key TEXT,
    street TEXT,
    city TEXT,
    region TEXT,
    postcode TEXT,
    country TEXT,
    owner TEXT,
    tags TEXT,
    notes TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX account_city ON account(city);
CREATE INDEX account_owner ON account(owner);
CREATE INDEX account_phone_key ON account(phone_key);
CREATE INDEX account_parent ON account(parent_id);

CREATE TABLE contact (
    id INTEGER PRIMARY KEY,
    first_name TEXT,
    last_name TEXT,
    email TEXT, email_key TEXT,
    phone TEXT, phone_key TEXT,
    mobile TEXT, mobile_key TEXT,
    title TEXT,
    department TEXT,
    account_id INTEGER REFERENCES account(id),
    owner TEXT,
    lead_status TEXT,
    source TEXT,
    street TEXT,
    city TEXT,
    region TEXT,
    postcode TEXT,
    country TEXT,
    birthday TEXT,
    score INTEGER,
    do_not_call INTEGER NOT NULL DEFAULT 0,
    email_opt_out INTEGER NOT NULL DEFAULT 0,
    tags TEXT,
    notes TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX contact_email_key ON contact(email_key) WHERE email_key IS NOT NULL;
CREATE INDEX contact_phone_key ON contact(phone_key);
CREATE INDEX contact_mobile_key ON contact(mobile_key);
CREATE INDEX contact_account ON contact(account_id);
CREATE INDEX contact_city ON contact(city);
CREATE INDEX contact_owner ON contact(owner);
CREATE INDEX contact_last_name ON contact(last_name);

-- Custom fields: declared here, stored in each record's "custom" JSON.
CREATE TABLE custom_field (
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    vals TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (entity, name)
);

-- Every change: an insert keeps the new record as JSON in "new", a delete the
-- old record in "old" (so it can be restored), an update one row per field.
-- seq is the change-feed cursor: monotonic, never reused (AUTOINCREMENT).
CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    entity TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    field TEXT,
    old TEXT,
    new TEXT
);
CREATE INDEX history_record ON history(entity, record_id);
CREATE INDEX history_at ON history(at);

-- Full-text search: external-content FTS5 tables kept in step by triggers.
CREATE VIRTUAL TABLE contact_fts USING fts5(
    first_name, last_name, email, title, department, city, tags, notes,
    content='contact', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER contact_fts_ai AFTER INSERT ON contact BEGIN
    INSERT INTO contact_fts(rowid, first_name, last_name, email, title, department, city, tags, notes)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.title, new.department, new.city, new.tags, new.notes);
END;
CREATE TRIGGER contact_fts_ad AFTER DELETE ON contact BEGIN
    INSERT INTO contact_fts(contact_fts, rowid, first_name, last_name, email, title, department, city, tags, notes)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.title, old.department, old.city, old.tags, old.notes);
END;
CREATE TRIGGER contact_fts_au AFTER UPDATE OF first_name, last_name, email, title, department, city, tags, notes ON contact BEGIN
    INSERT INTO contact_fts(contact_fts, rowid, first_name, last_name, email, title, department, city, tags, notes)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.title, old.department, old.city, old.tags, old.notes);
    INSERT INTO contact_fts(rowid, first_name, last_name, email, title, department, city, tags, notes)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.title, new.department, new.city, new.tags, new.notes);
END;

CREATE VIRTUAL TABLE account_fts USING fts5(
    name, industry, website, city, tags, notes,
    content='account', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER account_fts_ai AFTER INSERT ON account BEGIN
    INSERT INTO account_fts(rowid, name, industry, website, city, tags, notes)
    VALUES (new.id, new.name, new.industry, new.website, new.city, new.tags, new.notes);
END;
CREATE TRIGGER account_fts_ad AFTER DELETE ON account BEGIN
    INSERT INTO account_fts(account_fts, rowid, name, industry, website, city, tags, notes)
    VALUES ('delete', old.id, old.name, old.industry, old.website, old.city, old.tags, old.notes);
END;
CREATE TRIGGER account_fts_au AFTER UPDATE OF name, industry, website, city, tags, notes ON account BEGIN
    INSERT INTO account_fts(account_fts, rowid, name, industry, website, city, tags, notes)
    VALUES ('delete', old.id, old.name, old.industry, old.website, old.city, old.tags, old.notes);
    INSERT INTO account_fts(rowid, name, industry, website, city, tags, notes)
    VALUES (new.id, new.name, new.industry, new.website, new.city, new.tags, new.notes);
END;
