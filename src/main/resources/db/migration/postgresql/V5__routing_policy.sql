-- Routing policy (issue 4): per-model error policy and timeouts, per-provider timeouts and health thresholds.
-- Each is JSON text, null meaning "not set" (the defaults apply). Keep in step with the SQLite file.
ALTER TABLE model_mappings ADD COLUMN error_policy TEXT;
ALTER TABLE model_mappings ADD COLUMN timeouts TEXT;
ALTER TABLE service_providers ADD COLUMN timeouts TEXT;
ALTER TABLE service_providers ADD COLUMN health TEXT;
