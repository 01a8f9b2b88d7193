-- 006-marketing: campaigns (issue 8): the campaign records, their members
-- with each status change, the mailings sent (for the frequency cap and for
-- idempotent --mark-sent) and the suppression list of addresses and domains.

-- ---- campaigns (crm-campaign) --------------------------------------------
CREATE TABLE campaign (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT,
    status TEXT,
    start_date TEXT,
    end_date TEXT,
    budget INTEGER,
    actual_cost INTEGER,
    expected_revenue INTEGER,
    segment TEXT,
    product_id INTEGER REFERENCES product(id),
    region TEXT,
    owner TEXT,
    description TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX campaign_product ON campaign(product_id);

CREATE VIRTUAL TABLE campaign_fts USING fts5(
    name, description,
    content='campaign', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER campaign_fts_ai AFTER INSERT ON campaign BEGIN
    INSERT INTO campaign_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
CREATE TRIGGER campaign_fts_ad AFTER DELETE ON campaign BEGIN
    INSERT INTO campaign_fts(campaign_fts, rowid, name, description)
    VALUES ('delete', old.id, old.name, old.description);
END;
CREATE TRIGGER campaign_fts_au AFTER UPDATE OF name, description ON campaign BEGIN
    INSERT INTO campaign_fts(campaign_fts, rowid, name, description)
    VALUES ('delete', old.id, old.name, old.description);
    INSERT INTO campaign_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;

-- A member: a contact in a campaign, with its current status.
CREATE TABLE campaign_member (
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX campaign_member_contact ON campaign_member(contact_id, status);

-- Every status a member had, with its time and where it came from.
CREATE TABLE campaign_member_log (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX campaign_member_log_member ON campaign_member_log(campaign_id, contact_id);

-- Mailings sent (mailing-list --mark-sent): one per campaign and contact.
CREATE TABLE campaign_mailing (
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    email_key TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX campaign_mailing_key ON campaign_mailing(email_key, sent_at);

-- ---- suppression list (crm suppress) --------------------------------------
-- value: a case-folded address, or "@domain" for a whole domain.
CREATE TABLE suppression (
    value TEXT PRIMARY KEY,
    reason TEXT,
    source TEXT,
    added TEXT NOT NULL
) WITHOUT ROWID;

-- ---- segments (crm segment) -------------------------------------------------
-- A saved filter (crm-filter(7)) over one entity.
CREATE TABLE segment (
    name TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    expr TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Costs booked on a campaign (cost add); their sum is campaign.actual_cost.
CREATE TABLE campaign_cost (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    amount INTEGER NOT NULL,
    note TEXT,
    at TEXT NOT NULL,
    user TEXT NOT NULL
);
CREATE INDEX campaign_cost_campaign ON campaign_cost(campaign_id);
