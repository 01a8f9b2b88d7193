-- 002-sales: products, price lists and competitor prices; deals with
-- pipelines, stages, stage history, line items and quotes.
-- Money is INTEGER minor units of the currency; percentages INTEGER with 2
-- places (20 % = 2000); quantities INTEGER with 3 places (1.5 = 1500).

CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    product_group TEXT,
    unit TEXT,
    cost INTEGER,
    tax_rate INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    description TEXT,
    tags TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX product_group_ix ON product(product_group);

CREATE VIRTUAL TABLE product_fts USING fts5(
    sku, name, product_group, description, tags,
    content='product', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER product_fts_ai AFTER INSERT ON product BEGIN
    INSERT INTO product_fts(rowid, sku, name, product_group, description, tags)
    VALUES (new.id, new.sku, new.name, new.product_group, new.description, new.tags);
END;
CREATE TRIGGER product_fts_ad AFTER DELETE ON product BEGIN
    INSERT INTO product_fts(product_fts, rowid, sku, name, product_group, description, tags)
    VALUES ('delete', old.id, old.sku, old.name, old.product_group, old.description, old.tags);
END;
CREATE TRIGGER product_fts_au AFTER UPDATE OF sku, name, product_group, description, tags ON product BEGIN
    INSERT INTO product_fts(product_fts, rowid, sku, name, product_group, description, tags)
    VALUES ('delete', old.id, old.sku, old.name, old.product_group, old.description, old.tags);
    INSERT INTO product_fts(rowid, sku, name, product_group, description, tags)
    VALUES (new.id, new.sku, new.name, new.product_group, new.description, new.tags);
END;

-- A named price list in one currency, valid from/to (inclusive; NULL = open).
CREATE TABLE price_list (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    currency TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE product_price (
    product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    price_list_id INTEGER NOT NULL REFERENCES price_list(id) ON DELETE CASCADE,
    price INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (product_id, price_list_id)
);
CREATE INDEX product_price_list ON product_price(price_list_id);

-- What competitors ask for a product: observed on a date, from a source.
CREATE TABLE competitor_price (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    competitor_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    price INTEGER NOT NULL,
    currency TEXT NOT NULL,
    observed_on TEXT NOT NULL,
    source TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX competitor_price_product ON competitor_price(product_id);

-- Pipelines and their ordered stages; kind says whether a stage closes a
-- deal as won or lost.  require_amount: a deal is won only with an amount.
CREATE TABLE pipeline (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    require_amount INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE pipeline_stage (
    pipeline_id INTEGER NOT NULL REFERENCES pipeline(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    kind TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    PRIMARY KEY (pipeline_id, name)
);
INSERT INTO pipeline (id, name, require_amount, created_at)
    VALUES (1, 'default', 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
INSERT INTO pipeline_stage (pipeline_id, position, name, probability, kind) VALUES
    (1, 1, 'lead', 10, 'open'), (1, 2, 'qualified', 20, 'open'), (1, 3, 'proposal', 50, 'open'),
    (1, 4, 'negotiation', 75, 'open'), (1, 5, 'won', 100, 'won'), (1, 6, 'lost', 0, 'lost');

-- Why deals are lost: a managed list (crm-deal reason add|list|remove).
CREATE TABLE lost_reason (
    name TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
INSERT INTO lost_reason (name, created_at) SELECT column1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    FROM (VALUES ('price'), ('competitor'), ('no budget'), ('no decision'), ('timing'),
                 ('product fit'), ('other'));

-- AUTOINCREMENT: a deleted deal's id is never given to a new one, so the
-- stage history and the quotes, which outlive it, stay its own.
CREATE TABLE deal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    account_id INTEGER REFERENCES account(id),
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    owner TEXT,
    pipeline TEXT NOT NULL,
    stage TEXT NOT NULL,
    amount INTEGER,
    currency TEXT,
    probability INTEGER,
    expected_close TEXT,
    source TEXT,
    campaign_id INTEGER,
    closed_at TEXT,
    lost_reason TEXT,
    competitor_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
    region TEXT,
    tags TEXT,
    notes TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deal_account ON deal(account_id);
CREATE INDEX deal_contact ON deal(contact_id);
CREATE INDEX deal_competitor ON deal(competitor_id);
CREATE INDEX deal_owner ON deal(owner);
CREATE INDEX deal_stage_ix ON deal(pipeline, stage);

CREATE VIRTUAL TABLE deal_fts USING fts5(
    name, tags, notes,
    content='deal', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER deal_fts_ai AFTER INSERT ON deal BEGIN
    INSERT INTO deal_fts(rowid, name, tags, notes) VALUES (new.id, new.name, new.tags, new.notes);
END;
CREATE TRIGGER deal_fts_ad AFTER DELETE ON deal BEGIN
    INSERT INTO deal_fts(deal_fts, rowid, name, tags, notes)
    VALUES ('delete', old.id, old.name, old.tags, old.notes);
END;
CREATE TRIGGER deal_fts_au AFTER UPDATE OF name, tags, notes ON deal BEGIN
    INSERT INTO deal_fts(deal_fts, rowid, name, tags, notes)
    VALUES ('delete', old.id, old.name, old.tags, old.notes);
    INSERT INTO deal_fts(rowid, name, tags, notes) VALUES (new.id, new.name, new.tags, new.notes);
END;

-- Every stage change of a deal (and its first stage), with the amount and
-- probability at that moment: time in stage, cycle length and past
-- pipelines come from here.  A log like history: it outlives a deleted deal.
CREATE TABLE deal_stage (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL,
    pipeline TEXT NOT NULL,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    amount INTEGER,
    currency TEXT,
    probability INTEGER
);
CREATE INDEX deal_stage_deal ON deal_stage(deal_id, id);
CREATE INDEX deal_stage_at ON deal_stage(at);

-- Line items of a deal.  unit_price, net, tax and total are in the minor
-- unit of the deal's currency; qty has 3 decimal places, discount and
-- tax_rate are percentages with 2.  Each line is rounded on its own, half
-- away from zero (see money.h); the deal's amount is the sum of net.
CREATE TABLE deal_item (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES deal(id),
    position INTEGER NOT NULL,
    product_id INTEGER REFERENCES product(id),
    description TEXT,
    qty INTEGER NOT NULL,
    unit_price INTEGER NOT NULL,
    currency TEXT NOT NULL,
    discount INTEGER NOT NULL DEFAULT 0,
    tax_rate INTEGER NOT NULL DEFAULT 0,
    net INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    total INTEGER NOT NULL,
    price_list TEXT,
    custom TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deal_item_deal ON deal_item(deal_id, position);
CREATE INDEX deal_item_product ON deal_item(product_id);

-- Issued quotes (commercial proposals), kept exactly as issued: the values
-- they were made from (data, JSON) and the document itself (body).  No
-- foreign key: an issued quote outlives a change or removal of its deal.
CREATE TABLE quote (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    deal_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    format TEXT NOT NULL,
    template TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    user TEXT NOT NULL,
    valid_until TEXT,
    currency TEXT NOT NULL,
    net INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    total INTEGER NOT NULL,
    data TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX quote_deal ON quote(deal_id, version);
