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
