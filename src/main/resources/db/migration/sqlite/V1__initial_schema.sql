-- Times are epoch milliseconds (UTC); JSON is stored as text. Keep this file and the PostgreSQL one in step.
CREATE TABLE service_providers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          VARCHAR(100) NOT NULL,
    base_url      VARCHAR(500) NOT NULL,
    protocol      VARCHAR(50)  NOT NULL,
    api_type      VARCHAR(50)  NOT NULL,
    api_key       TEXT,
    extra_headers TEXT,
    is_active     BOOLEAN      NOT NULL DEFAULT 1,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    CONSTRAINT uq_provider_name UNIQUE (name)
);

CREATE TABLE model_mappings (
    requested_model VARCHAR(100) PRIMARY KEY,
    strategy        VARCHAR(50)  NOT NULL DEFAULT 'round_robin',
    matching_rules  TEXT,
    capabilities    TEXT,
    is_active       BOOLEAN      NOT NULL DEFAULT 1,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);

CREATE TABLE model_mapping_providers (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    requested_model   VARCHAR(100) NOT NULL REFERENCES model_mappings (requested_model) ON DELETE CASCADE,
    provider_id       INTEGER      NOT NULL REFERENCES service_providers (id) ON DELETE CASCADE,
    target_model_name VARCHAR(100) NOT NULL,
    provider_rules    TEXT,
    priority          INTEGER      NOT NULL DEFAULT 0,
    weight            INTEGER      NOT NULL DEFAULT 1,
    is_active         BOOLEAN      NOT NULL DEFAULT 1,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    CONSTRAINT uq_model_provider UNIQUE (requested_model, provider_id)
);
CREATE INDEX idx_mmp_provider ON model_mapping_providers (provider_id);

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    key_name     VARCHAR(100) NOT NULL,
    key_hash     CHAR(64)     NOT NULL,
    key_mask     VARCHAR(40)  NOT NULL,
    is_active    BOOLEAN      NOT NULL DEFAULT 1,
    created_at   BIGINT       NOT NULL,
    last_used_at BIGINT,
    CONSTRAINT uq_api_key_name UNIQUE (key_name),
    CONSTRAINT uq_api_key_hash UNIQUE (key_hash)
);

CREATE TABLE request_logs (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    request_time           BIGINT       NOT NULL,
    api_key_id             INTEGER REFERENCES api_keys (id) ON DELETE SET NULL,
    api_key_name           VARCHAR(100),
    requested_model        VARCHAR(100),
    target_model           VARCHAR(100),
    provider_id            INTEGER REFERENCES service_providers (id) ON DELETE SET NULL,
    provider_name          VARCHAR(100),
    retry_count            INTEGER      NOT NULL DEFAULT 0,
    matched_provider_count INTEGER,
    first_byte_delay_ms    INTEGER,
    total_time_ms          INTEGER,
    input_tokens           INTEGER,
    output_tokens          INTEGER,
    request_headers        TEXT,
    request_body           TEXT,
    response_status        INTEGER,
    response_body          TEXT,
    error_info             TEXT,
    trace_id               VARCHAR(100),
    is_stream              BOOLEAN      NOT NULL DEFAULT 0
);
CREATE INDEX idx_request_logs_time ON request_logs (request_time);
CREATE INDEX idx_request_logs_api_key ON request_logs (api_key_id);
CREATE INDEX idx_request_logs_model ON request_logs (requested_model);
CREATE INDEX idx_request_logs_provider ON request_logs (provider_id);
CREATE INDEX idx_request_logs_status ON request_logs (response_status);
