-- The catalog read model on MariaDB (MySqlCatalogReadModel). Every statement is idempotent: MariaDB commits DDL
-- implicitly, so a script interrupted half-way is simply run again by the next process that starts.
-- Rules of the splitter (MySqlCatalogSchema): a statement ends with ';' at the end of a line; lines starting
-- with '--' are dropped.

-- The versioned source of truth (InnoDB, transactional): one row per product the projection ever sent. A removed
-- product keeps its row as a tombstone (deleted = 1, listing columns NULL) so that its version still guards
-- against late, older changes.
CREATE TABLE IF NOT EXISTS catalog_products (
    product_id          BIGINT      NOT NULL,
    version             BIGINT      NOT NULL,
    deleted             TINYINT(1)  NOT NULL,
    title               TEXT        NULL,
    brand               VARCHAR(255) NULL,
    primary_category_id INT         NULL,
    min_price_units     BIGINT      NULL,     -- lowest price in ten-thousandths (PriceUnits)
    currency            VARCHAR(16) NULL,
    main_image_url      TEXT        NULL,
    updated_at          DATETIME(6) NULL,     -- the listing's UpdatedAt, UTC
    PRIMARY KEY (product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The categories of every listed product, expanded to every category above them: a product in "1/4/28" has the
-- rows "1", "1/4" (is_own = 0) and "1/4/28" (is_own = 1). Listing a category with its descendants is then an
-- equality on the primary key, read in product order (newest first) without a sort, whatever the size of the
-- subtree; without descendants it is the same on the second index. A sibling ("1/40" of "1/4") is another key.
CREATE TABLE IF NOT EXISTS catalog_product_categories (
    category_path VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    product_id    BIGINT     NOT NULL,
    is_own        TINYINT(1) NOT NULL,
    PRIMARY KEY (category_path, product_id),
    KEY ix_catalog_product_categories_own (category_path, is_own, product_id),
    KEY ix_catalog_product_categories_product (product_id)
) ENGINE=InnoDB;

-- The search documents (Mroonga storage mode, not transactional): one row per listed product with everything a
-- search filters on and returns, so a search is one Groonga select that never touches InnoDB. Written inside the
-- same batch as catalog_products but before its COMMIT (see MySqlCatalogWriter for why that order is safe).
-- search_text: bigrams over every character class (Korean, Latin words and digits alike, so parts of words match)
-- with NormalizerAuto (case, width and Unicode normalization). category_tokens: the product's category paths with
-- all their ancestors, space-separated, as exact tokens. brand_key: lower-cased brand, binary collation, so its
-- index has no normalizer and compares exactly. Mroonga keeps no NULLs, hence '' for a missing image URL.
CREATE TABLE IF NOT EXISTS catalog_search (
    product_id          BIGINT       NOT NULL,
    version             BIGINT       NOT NULL,
    title               TEXT         NOT NULL,
    brand               VARCHAR(255) NOT NULL,
    brand_key           VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    primary_category_id INT          NOT NULL,
    min_price_units     BIGINT       NOT NULL,
    currency            VARCHAR(16)  NOT NULL,
    main_image_url      TEXT         NOT NULL,
    category_tokens     TEXT         CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    search_text         MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (product_id),
    KEY ix_catalog_search_brand_key (brand_key),
    FULLTEXT INDEX ft_catalog_search_category (category_tokens) COMMENT 'tokenizer "TokenDelimit", normalizer "none"',
    FULLTEXT INDEX ft_catalog_search_text (search_text) COMMENT 'tokenizer "TokenBigramSplitSymbolAlphaDigit", normalizer "NormalizerAuto"'
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
