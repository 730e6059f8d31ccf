"""Schema migrations, applied in order and recorded in PRAGMA user_version.

Times are integer seconds since the Unix epoch (UTC). ID-card and mobile
numbers are stored in full because login and permission checks compare them.
Responses mask them, except on the record's own detail view.
"""

MIGRATION_1 = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # Units as registered online; credit_code is the GB 32100 unified social credit code.
    """CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        credit_code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        confirmed_at INTEGER,
        created_at INTEGER NOT NULL
    )""",
    # Every online account: persons, legal persons and agents.
    """CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'legal_person', 'agent')),
        username TEXT,
        name TEXT NOT NULL,
        id_card_number TEXT,
        mobile TEXT,
        unit_id INTEGER REFERENCES units (id),
        password_hash TEXT,
        must_set_password INTEGER NOT NULL DEFAULT 0,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at INTEGER NOT NULL,
        CHECK ((kind = 'person') = (unit_id IS NULL))
    )""",
    """CREATE UNIQUE INDEX accounts_username ON accounts (kind, username)
        WHERE username IS NOT NULL""",
    """CREATE UNIQUE INDEX person_id_card_number ON accounts (id_card_number)
        WHERE kind = 'person'""",
    """CREATE UNIQUE INDEX person_mobile ON accounts (mobile) WHERE kind = 'person'""",
    """CREATE UNIQUE INDEX unit_agent ON accounts (unit_id, id_card_number)
        WHERE kind = 'agent'""",
    # Failed logins for identifiers that match no account, keyed on a SHA-256 digest of
    # the identifier, so unknown accounts lock exactly like real ones.
    """CREATE TABLE login_failures (
        kind TEXT NOT NULL,
        identifier_digest TEXT NOT NULL,
        failures INTEGER NOT NULL,
        locked_until INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, identifier_digest)
    )""",
    # Sessions by SHA-256 digest of the bearer token; the token itself is never stored.
    # scope 'set_password' only allows setting the first password.
    """CREATE TABLE sessions (
        token_digest TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        scope TEXT NOT NULL CHECK (scope IN ('full', 'set_password')),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
    )""",
    "CREATE INDEX sessions_account ON sessions (account_id)",
    # The insurance agency's registration of a unit for one insurance type, matched to
    # online units by credit code. agent_mobile is the agent mobile number on file.
    """CREATE TABLE insurance_registrations (
        id INTEGER PRIMARY KEY,
        credit_code TEXT NOT NULL,
        insurance_type TEXT NOT NULL
            CHECK (insurance_type IN ('pension', 'work_injury', 'unemployment')),
        unit_name TEXT NOT NULL,
        agent_mobile TEXT,
        online_declaration INTEGER NOT NULL CHECK (online_declaration IN (0, 1)),
        UNIQUE (credit_code, insurance_type)
    )""",
    # Agents that a unit designated at the service window; the legal person's sync turns
    # them into agent accounts.
    """CREATE TABLE designated_agents (
        id INTEGER PRIMARY KEY,
        credit_code TEXT NOT NULL,
        name TEXT NOT NULL,
        id_card_number TEXT NOT NULL,
        mobile TEXT NOT NULL,
        designated_at INTEGER NOT NULL,
        UNIQUE (credit_code, id_card_number)
    )""",
    # The audit trail: account, action and time. detail never contains unmasked ID-card
    # or mobile numbers.
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        account_id INTEGER REFERENCES accounts (id),
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    )""",
]

MIGRATION_2 = [
    # Agents whose window designation was withdrawn keep their history but cannot log in.
    "ALTER TABLE accounts ADD COLUMN disabled_at INTEGER",
    # SMS verification codes, stored as HMAC-SHA256 digests keyed with sms_code_key.
    """CREATE TABLE sms_codes (
        id INTEGER PRIMARY KEY,
        mobile TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('login', 'register')),
        code_digest TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
    )""",
    "CREATE INDEX sms_codes_mobile ON sms_codes (mobile, purpose, created_at)",
    # Messages the development SMS gateway "sent"; tests read codes from here.
    """CREATE TABLE sms_outbox (
        id INTEGER PRIMARY KEY,
        mobile TEXT NOT NULL,
        purpose TEXT NOT NULL,
        message TEXT NOT NULL,
        created_at INTEGER NOT NULL
    )""",
    "INSERT INTO settings (key, value) VALUES ('sms_code_key', hex(randomblob(32)))",
]

MIGRATION_3 = [
    # Insurance types for which an agent opened the multi-insurance platform.
    """CREATE TABLE agent_insurance_types (
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        insurance_type TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, insurance_type)
    )""",
]

MIGRATION_4 = [
    # A person's enrolment in one insurance type at one unit, as the agency records it.
    # Amounts are whole yuan for bases and fen (0.01 yuan) for contributions.
    """CREATE TABLE staff_records (
        id INTEGER PRIMARY KEY,
        credit_code TEXT NOT NULL,
        id_card_number TEXT NOT NULL,
        name TEXT NOT NULL,
        insurance_type TEXT NOT NULL
            CHECK (insurance_type IN ('pension', 'work_injury', 'unemployment')),
        status TEXT NOT NULL CHECK (status IN ('active', 'stopped')),
        contribution_base INTEGER NOT NULL,
        start_month TEXT NOT NULL,
        end_month TEXT
    )""",
    "CREATE INDEX staff_records_unit ON staff_records (credit_code, id_card_number)",
    "CREATE INDEX staff_records_person ON staff_records (id_card_number, insurance_type)",
    """CREATE TABLE contributions (
        id INTEGER PRIMARY KEY,
        id_card_number TEXT NOT NULL,
        insurance_type TEXT NOT NULL,
        month TEXT NOT NULL,
        credit_code TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        contribution_base INTEGER NOT NULL,
        unit_amount_fen INTEGER NOT NULL,
        personal_amount_fen INTEGER NOT NULL
    )""",
    "CREATE INDEX contributions_person ON contributions (id_card_number, month)",
    # One declaration per person and insurance type. details is a JSON object whose keys
    # depend on kind. agent_account_id is NULL for declarations made at the service window.
    """CREATE TABLE declarations (
        id INTEGER PRIMARY KEY,
        credit_code TEXT NOT NULL,
        agent_account_id INTEGER REFERENCES accounts (id),
        kind TEXT NOT NULL CHECK (kind IN ('addition', 'removal', 'change')),
        insurance_type TEXT NOT NULL,
        id_card_number TEXT NOT NULL,
        name TEXT NOT NULL,
        details TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'rejected', 'approved', 'rolled_back')),
        review_reason TEXT,
        created_at INTEGER NOT NULL,
        reviewed_at INTEGER,
        rolled_back_at INTEGER
    )""",
    "CREATE INDEX declarations_unit ON declarations (credit_code, status, created_at)",
    # Responses to POST /api/declarations by Idempotency-Key, so a repeated submit
    # returns the first response instead of declaring again.
    """CREATE TABLE idempotency_keys (
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        key TEXT NOT NULL,
        request_digest TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, key)
    )""",
]

MIGRATIONS = [
    (1, MIGRATION_1),
    (2, MIGRATION_2),
    (3, MIGRATION_3),
    (4, MIGRATION_4),
]

LATEST_VERSION = MIGRATIONS[-1][0]
