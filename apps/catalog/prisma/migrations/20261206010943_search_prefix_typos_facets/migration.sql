-- CreateTable
CREATE TABLE "search_terms" (
    "term" TEXT NOT NULL,

    CONSTRAINT "search_terms_pkey" PRIMARY KEY ("term")
);

-- CreateIndex
CREATE INDEX "products_category_id_price_cents_stock_idx" ON "products"("category_id", "price_cents", "stock");

-- Beyond what Prisma's schema language expresses (Prisma ignores these when it diffs).
-- The extensions ship with PostgreSQL; pg_trgm, unaccent and fuzzystrmatch are trusted
-- extensions, so the database's owner (who runs migrations) may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- Text search configurations that fold accents before stemming (portside_english) or
-- keep whole words (portside_simple, for prefixes: "every" must find "everyday", which
-- English stemming would turn into "everi").
CREATE TEXT SEARCH CONFIGURATION portside_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION portside_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION portside_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION portside_simple
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- The search vector: stems of the name (weight A) and the description (B), accents folded.
DROP INDEX "products_search_vector_idx";
ALTER TABLE "products" DROP COLUMN "search_vector";
ALTER TABLE "products" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('portside_english', "name"), 'A') ||
    setweight(to_tsvector('portside_english', "description"), 'B')
) STORED;
CREATE INDEX "products_search_vector_idx" ON "products" USING GIN ("search_vector");

-- The name's whole words, for prefixes. A column of its own rather than weighted
-- lexemes in search_vector: GIN cannot filter by weight, so a short prefix there
-- would fetch every description holding a word that begins with it.
ALTER TABLE "products" ADD COLUMN "name_words" tsvector GENERATED ALWAYS AS (
    to_tsvector('portside_simple', "name")
) STORED;
CREATE INDEX "products_name_words_idx" ON "products" USING GIN ("name_words");

-- Type-ahead asks whether a word begins any known term: a prefix LIKE needs pattern ops.
CREATE INDEX "search_terms_term_pattern_idx" ON "search_terms" ("term" text_pattern_ops);

-- The vocabulary follows the products: a statement trigger for inserts (a seed of
-- 100,000 rows runs it once) and a row trigger for changed names or descriptions
-- only, so stock updates (every reservation) never touch it. Terms are never removed:
-- a stale one only costs a correction that finds nothing.
CREATE FUNCTION "collect_search_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "search_terms" ("term")
    SELECT DISTINCT t.term
    FROM "inserted_products" p,
         unnest(tsvector_to_array(to_tsvector('portside_simple', p."name" || ' ' || p."description"))) AS t(term)
    WHERE length(t.term) > 2 AND t.term !~ '^[0-9]'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER "products_collect_search_terms" AFTER INSERT ON "products"
    REFERENCING NEW TABLE AS "inserted_products"
    FOR EACH STATEMENT EXECUTE FUNCTION "collect_search_terms"();

CREATE FUNCTION "collect_search_terms_of_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "search_terms" ("term")
    SELECT DISTINCT t.term
    FROM unnest(tsvector_to_array(to_tsvector('portside_simple', NEW."name" || ' ' || NEW."description"))) AS t(term)
    WHERE length(t.term) > 2 AND t.term !~ '^[0-9]'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER "products_collect_search_terms_of_row" AFTER UPDATE OF "name", "description" ON "products"
    FOR EACH ROW EXECUTE FUNCTION "collect_search_terms_of_row"();

-- Products that exist already.
INSERT INTO "search_terms" ("term")
SELECT DISTINCT t.term
FROM "products" p,
     unnest(tsvector_to_array(to_tsvector('portside_simple', p."name" || ' ' || p."description"))) AS t(term)
WHERE length(t.term) > 2 AND t.term !~ '^[0-9]'
ON CONFLICT DO NOTHING;
