-- Request accounting (issue 3): failover path, usage detail, cost. Keep in step with the PostgreSQL file.
ALTER TABLE request_logs ADD COLUMN endpoint VARCHAR(50);
ALTER TABLE request_logs ADD COLUMN attempts TEXT;
ALTER TABLE request_logs ADD COLUMN usage_source VARCHAR(20);
ALTER TABLE request_logs ADD COLUMN cache_read_tokens INTEGER;
ALTER TABLE request_logs ADD COLUMN cache_write_tokens INTEGER;
ALTER TABLE request_logs ADD COLUMN reasoning_tokens INTEGER;
ALTER TABLE request_logs ADD COLUMN input_cost NUMERIC(18, 4);
ALTER TABLE request_logs ADD COLUMN output_cost NUMERIC(18, 4);
ALTER TABLE request_logs ADD COLUMN total_cost NUMERIC(18, 4);
ALTER TABLE request_logs ADD COLUMN price_source VARCHAR(30);
ALTER TABLE request_logs ADD COLUMN request_body_truncated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE request_logs ADD COLUMN response_body_truncated BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX idx_request_logs_trace ON request_logs (trace_id);

-- Prices in USD per million tokens; a mapping's own price overrides the model's, direction by direction.
ALTER TABLE model_mappings ADD COLUMN input_price NUMERIC(12, 4);
ALTER TABLE model_mappings ADD COLUMN output_price NUMERIC(12, 4);
ALTER TABLE model_mapping_providers ADD COLUMN input_price NUMERIC(12, 4);
ALTER TABLE model_mapping_providers ADD COLUMN output_price NUMERIC(12, 4);

-- OpenAI-protocol providers only: ask for stream usage (stream_options.include_usage) when the client did not.
ALTER TABLE service_providers ADD COLUMN include_stream_usage BOOLEAN NOT NULL DEFAULT FALSE;
