import GRDB

/// The workspace database schema, by migrations. A migration that has landed is never edited:
/// a change of schema is a new migration appended here.
///
/// Conventions: plain rowid tables with unique keys; dates in GRDB's default `Date` encoding;
/// lists and nested values as JSON text.
enum WorkspaceSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Platform and sync settings from `apply` (`platform`, `sync` → JSON).
            try db.execute(
                sql: """
                    CREATE TABLE settings (
                        key TEXT NOT NULL UNIQUE,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE sources (
                        id INTEGER PRIMARY KEY,
                        source_id TEXT NOT NULL UNIQUE,
                        config TEXT NOT NULL,               -- SourceConfig as JSON (secret references only)
                        status TEXT NOT NULL DEFAULT 'ready',
                        failure TEXT,                       -- FetchFailure as JSON when invalid
                        last_success_at DATETIME,
                        last_full_fetch_at DATETIME,
                        last_fetch_start_at DATETIME,
                        archived_at DATETIME,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE TABLE demand_offers (
                        id INTEGER PRIMARY KEY,
                        source_id TEXT NOT NULL,
                        external_id TEXT NOT NULL,
                        title TEXT,
                        description TEXT,
                        conversion TEXT,
                        preview_url TEXT,
                        tracking_url TEXT,
                        payout_amount DOUBLE,
                        payout_currency TEXT,
                        payout_model TEXT,
                        country_payouts TEXT NOT NULL DEFAULT '[]',
                        countries TEXT NOT NULL DEFAULT '[]',
                        devices TEXT NOT NULL DEFAULT '[]',
                        caps TEXT NOT NULL DEFAULT '[]',
                        categories TEXT NOT NULL DEFAULT '[]',
                        status_at_source TEXT,
                        logo_url TEXT,
                        rank INTEGER,
                        raw_json TEXT NOT NULL,
                        invalid_reasons TEXT NOT NULL DEFAULT '[]',
                        valid BOOLEAN NOT NULL,
                        content_hash TEXT NOT NULL,
                        first_seen_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        missing_since DATETIME,
                        last_seen_at DATETIME,
                        UNIQUE (source_id, external_id)
                    );
                    CREATE INDEX demand_offers_by_missing ON demand_offers (source_id, missing_since);
                    CREATE TABLE campaigns (
                        id INTEGER PRIMARY KEY,
                        campaign_id TEXT NOT NULL UNIQUE,
                        config TEXT NOT NULL,               -- Campaign as JSON
                        enabled BOOLEAN NOT NULL,
                        deleted_at DATETIME,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE TABLE placements (
                        id INTEGER PRIMARY KEY,
                        campaign_id TEXT NOT NULL,
                        source_id TEXT NOT NULL,
                        external_id TEXT NOT NULL,
                        platform_offer_id INTEGER,
                        state TEXT NOT NULL,
                        last_pushed TEXT,                   -- PlatformOfferFields as JSON
                        last_pushed_hash TEXT,
                        last_pushed_at DATETIME,
                        last_observed TEXT,                 -- PlatformOfferFields as JSON
                        last_observed_at DATETIME,
                        reason TEXT,
                        excluded_at DATETIME,
                        last_error TEXT,
                        create_attempted_at DATETIME,
                        out_of_filter BOOLEAN NOT NULL DEFAULT 0,
                        copy_platform_offer_id INTEGER,
                        workflow_step TEXT,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        UNIQUE (campaign_id, source_id, external_id)
                    );
                    CREATE INDEX placements_by_offer ON placements (source_id, external_id);
                    CREATE INDEX placements_by_platform_offer ON placements (platform_offer_id);
                    CREATE TABLE sync_runs (
                        id INTEGER PRIMARY KEY,
                        source_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        started_at DATETIME NOT NULL,
                        ended_at DATETIME,
                        phase TEXT NOT NULL,
                        status TEXT NOT NULL,
                        counts TEXT NOT NULL,               -- SyncCounts as JSON
                        error TEXT,
                        missing_note TEXT
                    );
                    CREATE INDEX sync_runs_by_source ON sync_runs (source_id, started_at);
                    CREATE TABLE sync_events (
                        id INTEGER PRIMARY KEY,
                        at DATETIME NOT NULL,
                        run_id INTEGER,
                        source_id TEXT,
                        offer_external_id TEXT,
                        campaign_id TEXT,
                        platform_offer_id INTEGER,
                        kind TEXT NOT NULL,
                        message TEXT NOT NULL
                    );
                    CREATE INDEX sync_events_by_offer ON sync_events (source_id, offer_external_id);
                    CREATE INDEX sync_events_by_run ON sync_events (run_id);
                    -- One sync process per workspace.
                    CREATE TABLE sync_lease (
                        name TEXT NOT NULL UNIQUE,
                        holder_pid INTEGER NOT NULL,
                        holder_host TEXT NOT NULL,
                        acquired_at DATETIME NOT NULL,
                        heartbeat_at DATETIME NOT NULL
                    );
                    -- The embedded local platform's offers. AUTOINCREMENT: an id is never reused after a delete.
                    CREATE TABLE local_platform_offers (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        external_offer_id TEXT,
                        status TEXT NOT NULL,
                        fields TEXT NOT NULL,               -- PlatformOfferFields as JSON
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE INDEX local_platform_offers_by_external_id ON local_platform_offers (external_offer_id);
                    CREATE INDEX local_platform_offers_by_status ON local_platform_offers (status, id);
                    """)
        }
        migrator.registerMigration("v2-reports") { db in
            try db.execute(
                sql: """
                    -- When each rate-limited report API of a source may next be called: reserved before each
                    -- call, pushed forward by a 429's Retry-After. Shared by every process on the workspace.
                    CREATE TABLE rate_limits (
                        id INTEGER PRIMARY KEY,
                        source_id TEXT NOT NULL,
                        endpoint TEXT NOT NULL,
                        next_allowed_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        UNIQUE (source_id, endpoint)
                    );
                    -- Bad leads from the Reversals API, one per source and lead id (or content when no lead id).
                    CREATE TABLE reversals (
                        id INTEGER PRIMARY KEY,
                        source_id TEXT NOT NULL,
                        reversal_key TEXT NOT NULL,         -- lead:ID, else content:CANONICAL_JSON
                        lead_id TEXT,
                        offer_id TEXT,
                        subid TEXT,
                        amount DOUBLE,
                        day TEXT,                           -- YYYY-MM-DD, from the API's date
                        date_text TEXT,                     -- the API's date as sent
                        reason TEXT,
                        raw_json TEXT NOT NULL,             -- every field sent, canonical JSON, key masked
                        window_start TEXT NOT NULL,
                        window_end TEXT NOT NULL,
                        first_seen_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        UNIQUE (source_id, reversal_key)
                    );
                    CREATE INDEX reversals_by_offer ON reversals (source_id, offer_id);
                    CREATE INDEX reversals_by_day ON reversals (source_id, day);
                    -- Windows of the Reversals API already downloaded: an interrupted download resumes after them.
                    CREATE TABLE reversal_windows (
                        id INTEGER PRIMARY KEY,
                        source_id TEXT NOT NULL,
                        start_day TEXT NOT NULL,
                        end_day TEXT NOT NULL,
                        fetched_at DATETIME NOT NULL,
                        received INTEGER NOT NULL,
                        UNIQUE (source_id, start_day, end_day)
                    );
                    """)
        }
        migrator.registerMigration("v3-offer-digests") { db in
            // What a sync reads of every stored offer on each run (new? changed? in the feed?), in an
            // index of its own: an offer's row is wide (its raw JSON), so reading the hashes from the
            // rows read most of the table's pages. It serves what `demand_offers_by_missing` did (a
            // source's offers by missing or not), which every new offer no longer has to be added to.
            try db.execute(
                sql: """
                    CREATE INDEX demand_offers_digest ON demand_offers (source_id, external_id, content_hash, missing_since);
                    DROP INDEX demand_offers_by_missing;
                    """)
        }
        migrator.registerMigration("v4-operator-actions") { db in
            // The operator's actions asked for by any process (a console, a command), applied by the
            // process holding the sync lease (`OperatorActionQueue`): a row is accepted once inserted,
            // claimed `running` by the holder, then `done` or `failed` with its result.
            try db.execute(
                sql: """
                    CREATE TABLE operator_actions (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        target TEXT NOT NULL,
                        arguments TEXT NOT NULL DEFAULT '{}', -- [String: String] as JSON
                        requested_by TEXT NOT NULL,         -- pid@host
                        requested_at DATETIME NOT NULL,
                        state TEXT NOT NULL DEFAULT 'queued', -- queued | running | done | failed
                        result TEXT,                        -- one line for the operator
                        details TEXT NOT NULL DEFAULT '{}', -- what it made: [String: String] as JSON
                        claimed_by TEXT,                    -- pid@host of the lease holder applying it
                        attempts INTEGER NOT NULL DEFAULT 0, -- claims: more than one after a holder died
                        started_at DATETIME,
                        finished_at DATETIME
                    );
                    CREATE INDEX operator_actions_by_state ON operator_actions (state, id);
                    """)
        }
        migrator.registerMigration("v5-sync-live-status") { db in
            // What the lease holder says of its runs and schedule (`SyncLiveStatus` as JSON), for the
            // consoles of other processes: one row, written by the holder at most every half second
            // while a phase advances, removed when it gives the lease back.
            try db.execute(
                sql: """
                    CREATE TABLE sync_live_status (
                        name TEXT NOT NULL UNIQUE,
                        holder_pid INTEGER NOT NULL,
                        holder_host TEXT NOT NULL,
                        updated_at DATETIME NOT NULL,
                        status TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v6-offer-entry-hashes") { db in
            // The hash of the feed entry each offer was last made from (`FeedEntryHash`): the next
            // fetch passes over an entry it knows unparsed. In the digest index, with `valid`, so a
            // run reads them with the hashes, without the rows.
            try db.execute(
                sql: """
                    ALTER TABLE demand_offers ADD COLUMN entry_hash INTEGER;
                    DROP INDEX demand_offers_digest;
                    CREATE INDEX demand_offers_digest
                        ON demand_offers (source_id, external_id, content_hash, missing_since, valid, entry_hash);
                    """)
        }
        return migrator
    }
}
