-- 003-activities: crm-activity (the log of every interaction) and crm-task
-- (tasks, reminders, recurrence).  Links to other records: contact_id and
-- account_id are real foreign keys; deals, tickets, campaigns and any entity
-- added later are reached through the generic pair (related_entity,
-- related_id), checked against the model when written (lib/link.c).
CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT,
    body TEXT,
    occurred_at TEXT NOT NULL,
    ends_at TEXT,
    contact_id INTEGER REFERENCES contact(id),
    account_id INTEGER REFERENCES account(id),
    related_entity TEXT,
    related_id INTEGER,
    owner TEXT,
    direction TEXT,
    duration INTEGER,
    outcome TEXT,
    message_id TEXT,
    place TEXT,
    attendees TEXT,
    external_number TEXT,
    amount INTEGER,
    currency TEXT,
    tags TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- The timeline of an account or a contact, newest first, from the index alone.
CREATE INDEX activity_account_time ON activity(account_id, occurred_at);
CREATE INDEX activity_contact_time ON activity(contact_id, occurred_at);
CREATE INDEX activity_related_time ON activity(related_entity, related_id, occurred_at);
-- The agenda: meetings of a period.
CREATE INDEX activity_kind_time ON activity(kind, occurred_at);
CREATE INDEX activity_owner_time ON activity(owner, occurred_at);
-- One email activity per message and contact: a re-import adds nothing.
CREATE UNIQUE INDEX activity_message ON activity(message_id, contact_id) WHERE message_id IS NOT NULL;
CREATE VIRTUAL TABLE activity_fts USING fts5(
    subject, body, place, attendees, tags,
    content='activity', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER activity_fts_ai AFTER INSERT ON activity BEGIN
    INSERT INTO activity_fts(rowid, subject, body, place, attendees, tags)
    VALUES (new.id, new.subject, new.body, new.place, new.attendees, new.tags);
END;
CREATE TRIGGER activity_fts_ad AFTER DELETE ON activity BEGIN
    INSERT INTO activity_fts(activity_fts, rowid, subject, body, place, attendees, tags)
    VALUES ('delete', old.id, old.subject, old.body, old.place, old.attendees, old.tags);
END;
CREATE TRIGGER activity_fts_au AFTER UPDATE OF subject, body, place, attendees, tags ON activity BEGIN
    INSERT INTO activity_fts(activity_fts, rowid, subject, body, place, attendees, tags)
    VALUES ('delete', old.id, old.subject, old.body, old.place, old.attendees, old.tags);
    INSERT INTO activity_fts(rowid, subject, body, place, attendees, tags)
    VALUES (new.id, new.subject, new.body, new.place, new.attendees, new.tags);
END;

CREATE TABLE task (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    due TEXT,
    remind_at TEXT,
    reminded_at TEXT,
    priority TEXT,
    status TEXT NOT NULL,
    assignee TEXT,
    created_by TEXT,
    completed_at TEXT,
    completed_by TEXT,
    contact_id INTEGER REFERENCES contact(id),
    account_id INTEGER REFERENCES account(id),
    related_entity TEXT,
    related_id INTEGER,
    recurrence TEXT,
    occurrence INTEGER,
    series_id INTEGER,
    estimate INTEGER,
    spent INTEGER,
    tags TEXT,
    notes TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX task_assignee_due ON task(assignee, status, due);
CREATE INDEX task_created_by ON task(created_by, status);
CREATE INDEX task_status_due ON task(status, due);
CREATE INDEX task_remind ON task(status, remind_at);
CREATE INDEX task_contact ON task(contact_id);
CREATE INDEX task_account ON task(account_id);
CREATE INDEX task_related ON task(related_entity, related_id);
CREATE VIRTUAL TABLE task_fts USING fts5(
    title, notes, tags,
    content='task', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER task_fts_ai AFTER INSERT ON task BEGIN
    INSERT INTO task_fts(rowid, title, notes, tags) VALUES (new.id, new.title, new.notes, new.tags);
END;
CREATE TRIGGER task_fts_ad AFTER DELETE ON task BEGIN
    INSERT INTO task_fts(task_fts, rowid, title, notes, tags)
    VALUES ('delete', old.id, old.title, old.notes, old.tags);
END;
CREATE TRIGGER task_fts_au AFTER UPDATE OF title, notes, tags ON task BEGIN
    INSERT INTO task_fts(task_fts, rowid, title, notes, tags)
    VALUES ('delete', old.id, old.title, old.notes, old.tags);
    INSERT INTO task_fts(rowid, title, notes, tags) VALUES (new.id, new.title, new.notes, new.tags);
END;
