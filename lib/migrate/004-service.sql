-- 004-service: customer service (issue 7): the knowledge base, service
-- contracts, tickets with their comments, reassignments and escalations, the
-- SLA policies and the business calendar they are counted in.

-- ---- knowledge base (crm-kb) ---------------------------------------------
CREATE TABLE kb_article (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    problem TEXT,
    solution TEXT,
    product TEXT,
    tags TEXT,
    status TEXT,
    author TEXT,
    views INTEGER NOT NULL DEFAULT 0,
    helpful INTEGER NOT NULL DEFAULT 0,
    not_helpful INTEGER NOT NULL DEFAULT 0,
    uses INTEGER NOT NULL DEFAULT 0,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX kb_article_status ON kb_article(status);
CREATE INDEX kb_article_uses ON kb_article(uses);

CREATE VIRTUAL TABLE kb_article_fts USING fts5(
    title, problem, solution, product, tags,
    content='kb_article', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER kb_article_fts_ai AFTER INSERT ON kb_article BEGIN
    INSERT INTO kb_article_fts(rowid, title, problem, solution, product, tags)
    VALUES (new.id, new.title, new.problem, new.solution, new.product, new.tags);
END;
CREATE TRIGGER kb_article_fts_ad AFTER DELETE ON kb_article BEGIN
    INSERT INTO kb_article_fts(kb_article_fts, rowid, title, problem, solution, product, tags)
    VALUES ('delete', old.id, old.title, old.problem, old.solution, old.product, old.tags);
END;
CREATE TRIGGER kb_article_fts_au AFTER UPDATE OF title, problem, solution, product, tags ON kb_article BEGIN
    INSERT INTO kb_article_fts(kb_article_fts, rowid, title, problem, solution, product, tags)
    VALUES ('delete', old.id, old.title, old.problem, old.solution, old.product, old.tags);
    INSERT INTO kb_article_fts(rowid, title, problem, solution, product, tags)
    VALUES (new.id, new.title, new.problem, new.solution, new.product, new.tags);
END;

-- ---- contracts (crm-contract) --------------------------------------------
CREATE TABLE contract (
    id INTEGER PRIMARY KEY,
    number TEXT UNIQUE,
    account_id INTEGER REFERENCES account(id),
    kind TEXT,
    level TEXT,
    products TEXT,
    start_date TEXT,
    end_date TEXT,
    value INTEGER,
    billing_period TEXT,
    renewal TEXT,
    notice_days INTEGER,
    status TEXT,
    owner TEXT,
    previous_id INTEGER REFERENCES contract(id) ON DELETE SET NULL,
    notes TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX contract_account ON contract(account_id);
CREATE INDEX contract_end ON contract(end_date);
CREATE INDEX contract_previous ON contract(previous_id);

CREATE VIRTUAL TABLE contract_fts USING fts5(
    number, products, notes,
    content='contract', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER contract_fts_ai AFTER INSERT ON contract BEGIN
    INSERT INTO contract_fts(rowid, number, products, notes)
    VALUES (new.id, new.number, new.products, new.notes);
END;
CREATE TRIGGER contract_fts_ad AFTER DELETE ON contract BEGIN
    INSERT INTO contract_fts(contract_fts, rowid, number, products, notes)
    VALUES ('delete', old.id, old.number, old.products, old.notes);
END;
CREATE TRIGGER contract_fts_au AFTER UPDATE OF number, products, notes ON contract BEGIN
    INSERT INTO contract_fts(contract_fts, rowid, number, products, notes)
    VALUES ('delete', old.id, old.number, old.products, old.notes);
    INSERT INTO contract_fts(rowid, number, products, notes)
    VALUES (new.id, new.number, new.products, new.notes);
END;

-- Numbers handed out so far (T-000123, C-000045): a counter per kind, so a
-- deleted record's number is never given again.
CREATE TABLE service_seq (
    name TEXT PRIMARY KEY,
    next INTEGER NOT NULL
);
INSERT INTO service_seq VALUES ('ticket', 1), ('contract', 1);

-- An imported contract without a number gets the next one.
CREATE TRIGGER contract_number_ai AFTER INSERT ON contract WHEN new.number IS NULL BEGIN
    UPDATE contract SET number = (SELECT printf('C-%06d', next) FROM service_seq WHERE name = 'contract')
     WHERE id = new.id;
    UPDATE service_seq SET next = next + 1 WHERE name = 'contract';
END;

-- ---- tickets (crm-ticket) ------------------------------------------------
CREATE TABLE ticket (
    id INTEGER PRIMARY KEY,
    number TEXT UNIQUE,
    subject TEXT NOT NULL,
    description TEXT,
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
    kind TEXT,
    channel TEXT,
    priority TEXT,
    status TEXT,
    assignee TEXT,
    department TEXT,
    product TEXT,
    contract_id INTEGER REFERENCES contract(id) ON DELETE SET NULL,
    sla_level TEXT,
    due_response TEXT,
    due_resolution TEXT,
    first_response_at TEXT,
    resolved_at TEXT,
    closed_at TEXT,
    pending_since TEXT,
    stopped_s INTEGER NOT NULL DEFAULT 0,
    solution TEXT,
    kb_id INTEGER REFERENCES kb_article(id) ON DELETE SET NULL,
    satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
    tags TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ticket_status ON ticket(status);
CREATE INDEX ticket_assignee ON ticket(assignee);
CREATE INDEX ticket_contact ON ticket(contact_id);
CREATE INDEX ticket_account ON ticket(account_id);
CREATE INDEX ticket_contract ON ticket(contract_id);
CREATE INDEX ticket_due_response ON ticket(due_response) WHERE first_response_at IS NULL;
CREATE INDEX ticket_due_resolution ON ticket(due_resolution) WHERE resolved_at IS NULL;

-- An imported ticket without a number gets the next one.
CREATE TRIGGER ticket_number_ai AFTER INSERT ON ticket WHEN new.number IS NULL BEGIN
    UPDATE ticket SET number = (SELECT printf('T-%06d', next) FROM service_seq WHERE name = 'ticket')
     WHERE id = new.id;
    UPDATE service_seq SET next = next + 1 WHERE name = 'ticket';
END;

CREATE VIRTUAL TABLE ticket_fts USING fts5(
    number, subject, description, tags,
    content='ticket', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER ticket_fts_ai AFTER INSERT ON ticket BEGIN
    INSERT INTO ticket_fts(rowid, number, subject, description, tags)
    VALUES (new.id, new.number, new.subject, new.description, new.tags);
END;
CREATE TRIGGER ticket_fts_ad AFTER DELETE ON ticket BEGIN
    INSERT INTO ticket_fts(ticket_fts, rowid, number, subject, description, tags)
    VALUES ('delete', old.id, old.number, old.subject, old.description, old.tags);
END;
CREATE TRIGGER ticket_fts_au AFTER UPDATE OF number, subject, description, tags ON ticket BEGIN
    INSERT INTO ticket_fts(ticket_fts, rowid, number, subject, description, tags)
    VALUES ('delete', old.id, old.number, old.subject, old.description, old.tags);
    INSERT INTO ticket_fts(rowid, number, subject, description, tags)
    VALUES (new.id, new.number, new.subject, new.description, new.tags);
END;

-- Comments: public (seen by the customer) or internal.
CREATE TABLE ticket_comment (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
    source TEXT NOT NULL DEFAULT 'cli',
    body TEXT NOT NULL
);
CREATE INDEX ticket_comment_ticket ON ticket_comment(ticket_id);

-- Messages taken in by new-from-mail, by Message-ID: the same message
-- piped twice is taken in once.
CREATE TABLE ticket_mail (
    message_id TEXT PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    at TEXT NOT NULL
);
CREATE INDEX ticket_mail_ticket ON ticket_mail(ticket_id);

-- The movement of a request inside the company: every (re)assignment.
CREATE TABLE ticket_assignment (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    by_user TEXT NOT NULL,
    from_assignee TEXT,
    to_assignee TEXT,
    from_department TEXT,
    to_department TEXT,
    reason TEXT
);
CREATE INDEX ticket_assignment_ticket ON ticket_assignment(ticket_id);

-- What escalate did, once per ticket, target and due time (cron-safe).
CREATE TABLE ticket_escalation (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    due TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    UNIQUE (ticket_id, target, due)
);

-- ---- SLA ------------------------------------------------------------------
-- Response and resolution times in business seconds per priority, for a
-- contract level ('' = tickets without a level, and the fallback).
CREATE TABLE sla_policy (
    level TEXT NOT NULL,
    priority TEXT NOT NULL,
    response_s INTEGER NOT NULL,
    resolution_s INTEGER NOT NULL,
    escalate_to TEXT,
    PRIMARY KEY (level, priority)
);
INSERT INTO sla_policy VALUES
    ('', 'urgent', 3600, 14400, NULL), ('', 'high', 7200, 28800, NULL),
    ('', 'normal', 14400, 86400, NULL), ('', 'low', 28800, 144000, NULL),
    ('premium', 'urgent', 1800, 7200, NULL), ('premium', 'high', 3600, 14400, NULL),
    ('premium', 'normal', 7200, 28800, NULL), ('premium', 'low', 14400, 57600, NULL);

-- Working hours per ISO weekday (1 = Monday .. 7 = Sunday), minutes from
-- local midnight; several intervals a day allowed (a lunch break).
CREATE TABLE work_hours (
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
    end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
    CHECK (end_min > start_min),
    PRIMARY KEY (weekday, start_min)
);
INSERT INTO work_hours VALUES (1, 540, 1020), (2, 540, 1020), (3, 540, 1020), (4, 540, 1020),
    (5, 540, 1020);

CREATE TABLE holiday (
    date TEXT PRIMARY KEY,
    name TEXT
);
