-- placeholder, replaced by the full schema
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
