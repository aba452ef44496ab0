-- The catalog read model of the embedded default (SqliteCatalogReadModel), in its own file (catalog.db).

-- One row per product the projection ever sent, listed or not: a removed product keeps its row as a tombstone
-- (deleted = 1, the listing columns NULL) so that its version still guards against late, older changes.
CREATE TABLE catalog_products (
    product_id          INTEGER NOT NULL PRIMARY KEY,
    version             INTEGER NOT NULL,
    deleted             INTEGER NOT NULL,
    title               TEXT    NULL,
    brand               TEXT    NULL,
    brand_key           TEXT    NULL,     -- lower-cased brand (BrandKey), what the brand filter compares
    primary_category_id INTEGER NULL,
    min_price_units     INTEGER NULL,     -- lowest price in ten-thousandths (PriceUnits)
    currency            TEXT    NULL,
    main_image_url      TEXT    NULL,
    updated_at          INTEGER NULL      -- the listing's UpdatedAt, Unix milliseconds
);

CREATE INDEX ix_catalog_products_brand ON catalog_products (brand_key);

-- Every category path of every listed product. Descendants of "1/4" are the range ("1/4/", "1/40") of this primary
-- key (CategoryPath.DescendantRange), so listing a category with descendants is a range scan, never a walk over the
-- tree, and the sibling "1/40" lies outside it. Paths compare as bytes (BINARY collation).
CREATE TABLE catalog_product_paths (
    path       TEXT    NOT NULL,
    product_id INTEGER NOT NULL,
    PRIMARY KEY (path, product_id)
) WITHOUT ROWID;

CREATE INDEX ix_catalog_product_paths_product ON catalog_product_paths (product_id);

-- The search text of every listed product (folded by TextFolding), rowid = product_id. The trigram tokenizer
-- indexes every run of three characters, so any part of a word of three or more characters is found in any
-- language; it folds case by default. Shorter words are matched by a scan (SqliteCatalogQueries).
CREATE VIRTUAL TABLE catalog_fts USING fts5(search_text, tokenize = 'trigram');
