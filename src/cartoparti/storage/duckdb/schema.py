"""Database schema, as an ordered list of migrations.

Each migration is applied once, in order; ``meta.schema_version`` records the last
one applied. Append new migrations at the end; never edit an applied one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "territory and contributions",
        """
        CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE IF NOT EXISTS zone_layers (
            layer VARCHAR PRIMARY KEY, label VARCHAR NOT NULL, is_primary BOOLEAN NOT NULL
        );
        CREATE TABLE IF NOT EXISTS zones (
            layer VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            population DOUBLE,              -- census (IRIS aggregated) or layer attribute
            population_attribute DOUBLE,    -- the layer's own population field
            population_source VARCHAR NOT NULL,  -- census | attribute | unknown
            has_breakdown BOOLEAN NOT NULL,      -- population known by age band and category
            geom GEOMETRY NOT NULL,         -- WGS84
            PRIMARY KEY (layer, code)
        );
        CREATE TABLE IF NOT EXISTS zone_population (
            layer VARCHAR NOT NULL, code VARCHAR NOT NULL,
            dimension VARCHAR NOT NULL,     -- age_band | csp (csp: people aged 15+)
            grp VARCHAR NOT NULL,
            population DOUBLE NOT NULL,
            PRIMARY KEY (layer, code, dimension, grp)
        );
        CREATE TABLE IF NOT EXISTS landmarks (
            id VARCHAR PRIMARY KEY, layer VARCHAR NOT NULL, layer_label VARCHAR NOT NULL,
            name VARCHAR NOT NULL, zone_code VARCHAR, geom GEOMETRY NOT NULL
        );
        CREATE TABLE IF NOT EXISTS contributions (
            id VARCHAR PRIMARY KEY,
            source_key VARCHAR NOT NULL UNIQUE,  -- stable id or content hash: imports are idempotent
            kind VARCHAR NOT NULL,
            title VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            theme VARCHAR NOT NULL,
            channel VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,       -- UTC
            published BOOLEAN NOT NULL,
            status VARCHAR NOT NULL DEFAULT 'received',
            geom GEOMETRY NOT NULL,              -- WGS84
            lon DOUBLE NOT NULL,                 -- centroid
            lat DOUBLE NOT NULL
        );
        -- zone of each contribution in each zone layer, assigned at write time
        CREATE TABLE IF NOT EXISTS contribution_zones (
            contribution_id VARCHAR NOT NULL, layer VARCHAR NOT NULL, zone_code VARCHAR NOT NULL,
            PRIMARY KEY (contribution_id, layer)
        );
        -- personal data: never public, never exported publicly
        CREATE TABLE IF NOT EXISTS profiles (
            contribution_id VARCHAR PRIMARY KEY,
            contributor_id VARCHAR,
            age_band VARCHAR,
            csp VARCHAR,
            home_commune VARCHAR,
            first_time BOOLEAN
        );
        CREATE TABLE IF NOT EXISTS photos (
            contribution_id VARCHAR PRIMARY KEY, mime VARCHAR NOT NULL, data BLOB NOT NULL
        );
        """,
    ),
    (
        "agents, answers and follow-up",
        """
        CREATE SEQUENCE IF NOT EXISTS audit_seq;
        CREATE SEQUENCE IF NOT EXISTS status_seq;
        -- agents and administrators; passwords only as argon2 hashes
        CREATE TABLE IF NOT EXISTS users (
            name VARCHAR PRIMARY KEY,
            role VARCHAR NOT NULL,               -- agent | admin
            password_hash VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL        -- UTC
        );
        -- every change made by an agent: who, what, when, before/after (JSON)
        CREATE TABLE IF NOT EXISTS audit_log (
            id BIGINT NOT NULL DEFAULT nextval('audit_seq'),
            logged_at TIMESTAMP NOT NULL,        -- UTC
            actor VARCHAR NOT NULL,
            action VARCHAR NOT NULL,
            contribution_id VARCHAR,
            before_json VARCHAR,
            after_json VARCHAR
        );
        -- public answers: each status change (or message) with its author; append-only
        CREATE TABLE IF NOT EXISTS status_history (
            id BIGINT NOT NULL DEFAULT nextval('status_seq'),
            contribution_id VARCHAR NOT NULL,
            changed_at TIMESTAMP NOT NULL,       -- UTC
            status VARCHAR NOT NULL,
            previous_status VARCHAR NOT NULL,
            message VARCHAR NOT NULL,            -- public, plain language
            competent VARCHAR,                   -- for redirected: who is competent
            author VARCHAR NOT NULL
        );
        -- what agents decide about a contribution (one row per handled contribution)
        CREATE TABLE IF NOT EXISTS handling (
            contribution_id VARCHAR PRIMARY KEY,
            service VARCHAR,                     -- responsible service
            level VARCHAR,                       -- information | consultation | concertation | coproduction
            hidden BOOLEAN NOT NULL DEFAULT false,
            hidden_reason VARCHAR,
            merged_into VARCHAR,
            personal_data VARCHAR,               -- kinds of personal data found, while unresolved
            reviewed BOOLEAN NOT NULL DEFAULT false
        );
        -- contributions entered by an agent on behalf of a resident ("aller vers")
        CREATE TABLE IF NOT EXISTS field_entries (
            contribution_id VARCHAR PRIMARY KEY,
            entered_by VARCHAR NOT NULL,
            session_date DATE,
            session_place VARCHAR
        );
        -- private follow codes: only their SHA-256 is stored
        CREATE TABLE IF NOT EXISTS follow_links (
            code_hash VARCHAR NOT NULL,
            contribution_id VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL
        );
        -- "moi aussi": one support per browser session
        CREATE TABLE IF NOT EXISTS supports (
            contribution_id VARCHAR NOT NULL,
            session_id VARCHAR NOT NULL,
            supported_at TIMESTAMP NOT NULL,
            PRIMARY KEY (contribution_id, session_id)
        );
        -- RGPD: deletion asked by the resident (through the follow code)
        CREATE TABLE IF NOT EXISTS deletion_requests (
            contribution_id VARCHAR NOT NULL,
            requested_at TIMESTAMP NOT NULL,
            reason VARCHAR
        );
        """,
    ),
    (
        "place search",
        """
        -- the places a resident can search by name: communes, landmarks, addresses
        CREATE TABLE IF NOT EXISTS places (
            id INTEGER PRIMARY KEY,              -- communes first, then landmarks, then addresses
            kind VARCHAR NOT NULL,               -- commune | landmark | address
            label VARCHAR NOT NULL,
            lon DOUBLE NOT NULL,
            lat DOUBLE NOT NULL
        );
        -- their trigrams (cartoparti.textsearch), and how many places hold each
        CREATE TABLE IF NOT EXISTS place_grams (gram VARCHAR NOT NULL, place_id INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS place_gram_counts (gram VARCHAR PRIMARY KEY, n INTEGER NOT NULL);
        """,
    ),
    (
        "residents' notification addresses",
        """
        -- personal data: e-mail addresses residents left to hear back about a contribution
        -- they made (author) or supported (supporter); never public, never exported
        -- publicly, deleted with the contribution
        CREATE TABLE IF NOT EXISTS notify_addresses (
            contribution_id VARCHAR NOT NULL,
            email VARCHAR NOT NULL,
            role VARCHAR NOT NULL,               -- author | supporter
            created_at TIMESTAMP NOT NULL,
            PRIMARY KEY (contribution_id, email)
        );
        """,
    ),
    (
        "weak-signal alerts",
        """
        -- weak signals from several contributors gathered in one spot lately; the key is a
        -- hash of the member ids: the same group never comes back once decided on
        CREATE TABLE IF NOT EXISTS alerts (
            key VARCHAR PRIMARY KEY,
            members VARCHAR NOT NULL,            -- contribution ids, space-separated, sorted
            contributors INTEGER NOT NULL,       -- distinct contributors among them
            lon DOUBLE NOT NULL,                 -- centroid, WGS84
            lat DOUBLE NOT NULL,
            first_at TIMESTAMP NOT NULL,         -- UTC: the oldest and newest signal
            last_at TIMESTAMP NOT NULL,
            raised_at TIMESTAMP NOT NULL,
            state VARCHAR NOT NULL DEFAULT 'open',  -- open | acknowledged | dismissed | planned | superseded
            reason VARCHAR,                      -- why it was dismissed
            decided_by VARCHAR,
            decided_at TIMESTAMP,
            plan_item_id VARCHAR                 -- the plan item it was turned into
        );
        """,
    ),
    (
        "action plan and capacity",
        """
        -- the living action plan: what the town does, public
        CREATE TABLE IF NOT EXISTS plan_items (
            id VARCHAR PRIMARY KEY,
            title VARCHAR NOT NULL,
            description VARCHAR NOT NULL,
            geom GEOMETRY,                       -- WGS84; a zone's inner point when placed by zone
            zone_layer VARCHAR,                  -- placed by zone: its layer and code
            zone_code VARCHAR,
            level VARCHAR NOT NULL,              -- information | consultation | concertation | coproduction
            service VARCHAR NOT NULL,            -- responsible service
            cost DOUBLE NOT NULL,                -- estimated, euros
            agent_days DOUBLE NOT NULL,          -- estimated agent-days
            start_date DATE NOT NULL,
            status VARCHAR NOT NULL,             -- planned | in_progress | done | abandoned
            public_reason VARCHAR,               -- why it was abandoned (public)
            created_at TIMESTAMP NOT NULL,       -- UTC
            updated_at TIMESTAMP NOT NULL
        );
        -- contributions that fed an item (many to many)
        CREATE TABLE IF NOT EXISTS plan_links (
            item_id VARCHAR NOT NULL,
            contribution_id VARCHAR NOT NULL,
            linked_at TIMESTAMP NOT NULL,
            PRIMARY KEY (item_id, contribution_id)
        );
        CREATE TABLE IF NOT EXISTS plan_milestones (
            item_id VARCHAR NOT NULL,
            step INTEGER NOT NULL,               -- 1, 2, … in the order they were added
            label VARCHAR NOT NULL,
            due_date DATE NOT NULL,
            done BOOLEAN NOT NULL,
            PRIMARY KEY (item_id, step)
        );
        -- what each service can give, in agent-days per month (seeded by CARTOPARTI_CAPACITY)
        CREATE TABLE IF NOT EXISTS service_capacity (
            service VARCHAR PRIMARY KEY,
            agent_days_per_month DOUBLE NOT NULL,
            updated_at TIMESTAMP NOT NULL
        );
        """,
    ),
    (
        "notification addresses remember their follow code",
        """
        -- the follow code (hash) an author's address was left with, carried by a merge: a
        -- code withdraws only the addresses it left; NULL for a supporter's address
        ALTER TABLE notify_addresses ADD COLUMN code_hash VARCHAR;
        -- addresses left before: the code of their contribution when only one follows it
        UPDATE notify_addresses SET code_hash = (
            SELECT min(f.code_hash) FROM follow_links f
            WHERE f.contribution_id = notify_addresses.contribution_id)
        WHERE role = 'author' AND (
            SELECT count(DISTINCT f.code_hash) FROM follow_links f
            WHERE f.contribution_id = notify_addresses.contribution_id) = 1;
        """,
    ),
    (
        "public positions of contributions",
        """
        -- the public position of each contribution (WGS84): snapped to the grid of the
        -- public location precision of its kind (CARTOPARTI_PUBLIC_PRECISION, kept in
        -- meta.public_precision) and rounded; what the map and open exports show, agents
        -- see geom. Filled at write time; existing rows are filled right after the
        -- migrations (cartoparti.privacy.public_geometries, in Python)
        ALTER TABLE contributions ADD COLUMN public_geom GEOMETRY;
        ALTER TABLE contributions ADD COLUMN public_lon DOUBLE;
        ALTER TABLE contributions ADD COLUMN public_lat DOUBLE;
        """,
    ),
    (
        "rate limits and residents' reports",
        """
        -- attempts counted by the rate limits and sign-in lock-outs (issue 13, abuse): the
        -- key is a hash (an account, a browser, an address), never the value itself
        CREATE TABLE IF NOT EXISTS rate_events (
            kind VARCHAR NOT NULL,                   -- sign_in_account | sign_in_address | contribution | …
            key VARCHAR NOT NULL,
            happened_at TIMESTAMP NOT NULL         -- UTC
        );
        CREATE INDEX IF NOT EXISTS rate_events_kind_key ON rate_events (kind, key, happened_at);
        -- residents report a contribution to the moderators; cleared when one decides
        CREATE TABLE IF NOT EXISTS content_reports (
            contribution_id VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,                 -- a code of the labels "report_reasons"
            detail VARCHAR,                          -- the resident's words, optional
            reported_at TIMESTAMP NOT NULL         -- UTC
        );
        """,
    ),
    (
        "sign-in sessions of the agents",
        """
        -- a browser's sign-in (kind 'session', its cookie) or the one-time ticket that
        -- the sign-in page hands to the server to set that cookie (kind 'ticket'); only
        -- the SHA-256 of the random token is kept. Deleted when the account is removed
        -- or its password or role changes, at sign-out, and once expired.
        CREATE TABLE IF NOT EXISTS web_sessions (
            token_hash VARCHAR PRIMARY KEY,
            user_name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            expires_at TIMESTAMP NOT NULL
        );
        CREATE INDEX IF NOT EXISTS web_sessions_user ON web_sessions (user_name);
        """,
    ),
    (
        "neighbouring zones, computed when the territory loads",
        """
        -- pairs of zones of a layer that touch or nearly (storage.common.NEIGHBOUR_TOLERANCE_DEG),
        -- both ways, for the spatial statistics; filled by load_territory (meta
        -- zone_neighbours = 'stored'); a territory loaded before is computed at read
        CREATE TABLE IF NOT EXISTS zone_neighbours (
            layer VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            neighbour VARCHAR NOT NULL
        );
        CREATE INDEX IF NOT EXISTS zone_neighbours_layer ON zone_neighbours (layer, code);
        """,
    ),
]
