-- drizzle-kit never writes CREATE EXTENSION; the list page's trigram indexes need pg_trgm.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
