/**
 * The SQLite schema, as versioned migrations (see ../migration.ts). Dates are ISO 8601 UTC text
 * (`2006-02-10T15:26:00Z`), which sorts in time order. The full-text index is an FTS5 table whose
 * rowid is `cables.id`. It is an external-content table: it keeps no copy of the text (the reading
 * text is already in the record); `snippet()` and `highlight()` read it from the view
 * `cable_reading`: the subject, and the paragraph texts joined by blank lines (the raw body when
 * the parser found no paragraphs), exactly the text `readingText` gave the index.
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../migration.ts';

export const migrations: Migration<Database.Database>[] = [
  {
    version: 1,
    name: 'archive: cables, versions, tags, references, full-text index',
    up: `
      CREATE TABLE cables (
        id INTEGER PRIMARY KEY,
        ref_id TEXT NOT NULL UNIQUE,
        published_ref_id TEXT NOT NULL,
        created TEXT,
        released TEXT,
        classification TEXT NOT NULL,
        origin TEXT NOT NULL,
        subject TEXT,
        partial INTEGER NOT NULL,
        current_hash TEXT NOT NULL,
        record TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX cables_created ON cables (created);
      CREATE INDEX cables_released ON cables (released);
      CREATE INDEX cables_origin ON cables (origin, created);
      CREATE INDEX cables_classification ON cables (classification, created);
      CREATE TABLE cable_versions (
        id INTEGER PRIMARY KEY,
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
      ) WITHOUT ROWID;
      CREATE INDEX cable_tags_tag ON cable_tags (tag);
      CREATE TABLE cable_references (
        from_ref_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        label TEXT,
        text TEXT NOT NULL,
        to_ref_id TEXT,
        PRIMARY KEY (from_ref_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX cable_references_to ON cable_references (to_ref_id);
      CREATE VIEW cable_reading AS
        SELECT c.id AS id, c.subject AS subject, COALESCE(
          (SELECT group_concat(p.value ->> '$.text', char(10, 10) ORDER BY p.key)
            FROM json_each(c.record, '$.paragraphs') AS p),
          v.raw_body) AS body
        FROM cables c JOIN cable_versions v ON v.ref_id = c.ref_id AND v.content_hash = c.current_hash;
      CREATE VIRTUAL TABLE cable_search USING fts5 (
        subject, body, content = 'cable_reading', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
    `,
  },
  {
    version: 2,
    name: 'discussion: accounts, sessions, comments, bans, moderation log, rate limits',
    up: `
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT,
        role TEXT NOT NULL DEFAULT 'member',
        banned INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_account ON sessions (account_id);
      CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        ref_id TEXT NOT NULL,
        paragraph INTEGER,
        parent_id INTEGER REFERENCES comments (id),
        depth INTEGER NOT NULL DEFAULT 0,
        account_id INTEGER REFERENCES accounts (id),
        guest_name TEXT,
        guest_email TEXT,
        body TEXT NOT NULL,
        html TEXT NOT NULL,
        status TEXT NOT NULL,
        address TEXT,
        created_at TEXT NOT NULL,
        edited_at TEXT
      );
      CREATE INDEX comments_cable ON comments (ref_id, status, created_at);
      CREATE INDEX comments_status ON comments (status, created_at);
      CREATE INDEX comments_account ON comments (account_id);
      CREATE INDEX comments_guest ON comments (guest_email);
      CREATE TABLE bans (
        author TEXT PRIMARY KEY,
        moderator_id INTEGER REFERENCES accounts (id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE moderation_log (
        id INTEGER PRIMARY KEY,
        moderator_id INTEGER REFERENCES accounts (id),
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        window_start BIGINT NOT NULL,
        hits INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'search: snapshots (the facet catalogue, large text matches) keyed by archive fingerprint',
    up: `
      CREATE TABLE search_snapshots (
        name TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        data BLOB NOT NULL,
        built_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'discussion: outside identities (OpenID Connect issuer + subject) linked to accounts',
    up: `
      CREATE TABLE account_identities (
        issuer TEXT NOT NULL,
        subject TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (issuer, subject)
      );
      CREATE INDEX account_identities_account ON account_identities (account_id);
    `,
  },
  {
    version: 5,
    name: 'search: (PostgreSQL only: words joined by / . @ : _ indexed apart, as FTS5 already does)',
    up: 'SELECT 1',
  },
  {
    version: 6,
    name: 'search: (PostgreSQL only: hyphenated words indexed as their parts, as FTS5 already does)',
    up: 'SELECT 1',
  },
  {
    version: 7,
    name: 'jobs: a durable job queue (retries with backoff, leases, dedupe keys) shared by every app server',
    up: `
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        dedupe_key TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        run_at BIGINT NOT NULL,
        locked_by TEXT,
        locked_until BIGINT,
        rerun INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        finished_at BIGINT
      );
      CREATE UNIQUE INDEX jobs_live_key ON jobs (dedupe_key) WHERE state IN ('queued', 'running');
      CREATE INDEX jobs_queued ON jobs (run_at, id) WHERE state = 'queued';
      CREATE INDEX jobs_running ON jobs (locked_until) WHERE state = 'running';
      CREATE INDEX jobs_finished ON jobs (state, finished_at);
      CREATE INDEX jobs_kind ON jobs (kind, state);
    `,
  },
  {
    version: 8,
    name: 'linkbacks: mentions received (TrackBack, Pingback, Webmention), hosts blocked, linkbacks sent',
    up: `
      CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        token TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        source_host TEXT NOT NULL,
        target TEXT NOT NULL,
        target_key TEXT NOT NULL,
        ref_id TEXT NOT NULL,
        paragraph INTEGER,
        title TEXT,
        author_name TEXT,
        author_url TEXT,
        excerpt TEXT,
        url TEXT,
        published TEXT,
        status TEXT NOT NULL,
        address TEXT,
        received_at TEXT NOT NULL,
        verified_at TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (source, target_key)
      );
      CREATE INDEX mentions_cable ON mentions (ref_id, status, received_at);
      CREATE INDEX mentions_status ON mentions (status, received_at);
      CREATE INDEX mentions_host ON mentions (source_host, status);
      CREATE TABLE linkback_blocked_hosts (
        host TEXT PRIMARY KEY,
        moderator_id INTEGER REFERENCES accounts (id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE linkbacks_sent (
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        endpoint TEXT,
        result TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (source, target)
      );
    `,
  },
  {
    version: 9,
    name: 'change counters: every write to comments, account names and mentions counts one (page caches on every server compare them)',
    up: `
      CREATE TABLE change_counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );
      INSERT INTO change_counters (name, value) VALUES ('discussion', 0), ('mentions', 0);
      CREATE TRIGGER comments_inserted AFTER INSERT ON comments BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'discussion';
      END;
      CREATE TRIGGER comments_updated AFTER UPDATE ON comments BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'discussion';
      END;
      CREATE TRIGGER comments_deleted AFTER DELETE ON comments BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'discussion';
      END;
      CREATE TRIGGER accounts_renamed AFTER UPDATE OF name ON accounts BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'discussion';
      END;
      CREATE TRIGGER mentions_inserted AFTER INSERT ON mentions BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'mentions';
      END;
      CREATE TRIGGER mentions_updated AFTER UPDATE ON mentions BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'mentions';
      END;
      CREATE TRIGGER mentions_deleted AFTER DELETE ON mentions BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'mentions';
      END;
    `,
  },
  {
    version: 10,
    name: 'linkbacks: mention ids never reused (AUTOINCREMENT), so the audit log and the moderation forms name one mention',
    up: `
      CREATE TABLE mentions_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        source_host TEXT NOT NULL,
        target TEXT NOT NULL,
        target_key TEXT NOT NULL,
        ref_id TEXT NOT NULL,
        paragraph INTEGER,
        title TEXT,
        author_name TEXT,
        author_url TEXT,
        excerpt TEXT,
        url TEXT,
        published TEXT,
        status TEXT NOT NULL,
        address TEXT,
        received_at TEXT NOT NULL,
        verified_at TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (source, target_key)
      );
      INSERT INTO mentions_new SELECT id, token, kind, source, source_host, target, target_key, ref_id,
        paragraph, title, author_name, author_url, excerpt, url, published, status, address,
        received_at, verified_at, updated_at FROM mentions;
      DROP TABLE mentions;
      ALTER TABLE mentions_new RENAME TO mentions;
      CREATE INDEX mentions_cable ON mentions (ref_id, status, received_at);
      CREATE INDEX mentions_status ON mentions (status, received_at);
      CREATE INDEX mentions_host ON mentions (source_host, status);
      CREATE TRIGGER mentions_inserted AFTER INSERT ON mentions BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'mentions';
      END;
      CREATE TRIGGER mentions_updated AFTER UPDATE ON mentions BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'mentions';
      END;
      CREATE TRIGGER mentions_deleted AFTER DELETE ON mentions BEGIN
        UPDATE change_counters SET value = value + 1 WHERE name = 'mentions';
      END;
    `,
  },
];
