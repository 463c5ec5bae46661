/**
 * The PostgreSQL schema, as versioned migrations (see ../migration.ts). The same tables as on
 * SQLite; the full-text index is a tsvector column (subject weighted A, reading text B) with a GIN
 * index, in `cable_search` (one row per cable, with the content hash of the version it was built
 * from), built with the text search configuration `cabledesk_english`: English stemming, and
 * accents removed when the `unaccent` extension is available.
 */
import type pg from 'pg';
import type { Migration } from '../migration.ts';

/** Creates `cabledesk_english`, with unaccent when the server has (or lets us add) the extension. */
async function createSearchConfiguration(db: pg.ClientBase): Promise<void> {
  await db.query('SAVEPOINT unaccent');
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public');
    await db.query('RELEASE SAVEPOINT unaccent');
  } catch {
    await db.query('ROLLBACK TO SAVEPOINT unaccent');
  }
  const found = await db.query<{ schema: string }>(
    "SELECT n.nspname AS schema FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace WHERE d.dictname = 'unaccent' LIMIT 1",
  );
  await db.query('CREATE TEXT SEARCH CONFIGURATION cabledesk_english (COPY = pg_catalog.english)');
  const schema = found.rows[0]?.schema;
  if (schema) {
    const dictionary = `"${schema.replace(/"/g, '""')}".unaccent`;
    await db.query(
      `ALTER TEXT SEARCH CONFIGURATION cabledesk_english ALTER MAPPING FOR hword, hword_part, word WITH ${dictionary}, english_stem`,
    );
  }
}

/** Large texts compressed with lz4 (several times faster to write than the default pglz), when the server has it. */
async function useLz4(db: pg.ClientBase, columns: [table: string, column: string][]): Promise<void> {
  await db.query('SAVEPOINT lz4');
  try {
    for (const [table, column] of columns)
      await db.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET COMPRESSION lz4`);
    await db.query('RELEASE SAVEPOINT lz4');
  } catch {
    await db.query('ROLLBACK TO SAVEPOINT lz4');
  }
}

export const migrations: Migration<pg.ClientBase>[] = [
  {
    version: 1,
    name: 'archive: cables, versions, tags, references, full-text index',
    up: async (db) => {
      await createSearchConfiguration(db);
      await db.query(`
        CREATE TABLE cables (
          id BIGSERIAL PRIMARY KEY,
          ref_id TEXT NOT NULL UNIQUE,
          published_ref_id TEXT NOT NULL,
          created TEXT,
          released TEXT,
          classification TEXT NOT NULL,
          origin TEXT NOT NULL,
          subject TEXT,
          partial BOOLEAN NOT NULL,
          current_hash TEXT NOT NULL,
          record TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX cables_created ON cables (created);
        CREATE INDEX cables_released ON cables (released);
        CREATE INDEX cables_origin ON cables (origin, created);
        CREATE INDEX cables_classification ON cables (classification, created);
        CREATE TABLE cable_versions (
          id BIGSERIAL PRIMARY KEY,
          ref_id TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          released TEXT,
          source_format TEXT NOT NULL,
          source_path TEXT,
          source_line INTEGER,
          imported_at TEXT NOT NULL,
          raw_header TEXT NOT NULL,
          raw_body TEXT NOT NULL,
          UNIQUE (ref_id, content_hash)
        );
        CREATE TABLE cable_tags (
          ref_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          tag TEXT NOT NULL,
          PRIMARY KEY (ref_id, position)
        );
        CREATE INDEX cable_tags_tag ON cable_tags (tag);
        CREATE TABLE cable_references (
          from_ref_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          label TEXT,
          text TEXT NOT NULL,
          to_ref_id TEXT,
          PRIMARY KEY (from_ref_id, position)
        );
        CREATE INDEX cable_references_to ON cable_references (to_ref_id);
        CREATE TABLE cable_search (
          ref_id TEXT PRIMARY KEY,
          content_hash TEXT NOT NULL,
          subject TEXT,
          body TEXT NOT NULL,
          document TSVECTOR GENERATED ALWAYS AS (
            setweight(to_tsvector('cabledesk_english'::regconfig, coalesce(subject, '')), 'A') ||
            setweight(to_tsvector('cabledesk_english'::regconfig, body), 'B')
          ) STORED
        );
        CREATE INDEX cable_search_document ON cable_search USING GIN (document);
      `);
      await useLz4(db, [
        ['cables', 'record'],
        ['cable_versions', 'raw_header'],
        ['cable_versions', 'raw_body'],
        ['cable_search', 'body'],
      ]);
    },
  },
];
