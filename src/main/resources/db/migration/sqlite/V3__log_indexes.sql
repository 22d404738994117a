-- Indexes for the log list, the statistics and retention at a million rows (issue 3). Keep in step with the
-- PostgreSQL file.
--
-- Each filter by one key (provider, gateway key, model, status) gets that key followed by request_time: the list
-- (newest first) and the statistics (a time range) then read only the matching rows, in time order, instead of
-- sorting or filtering the whole table. They replace the single-column indexes of V1, which they cover (the foreign
-- key lookups on provider_id and api_key_id included), so an insert maintains no more indexes than before.
-- idx_request_logs_time (request_time) stays: the default list, every time range and the retention delete use it.
DROP INDEX IF EXISTS idx_request_logs_api_key;
DROP INDEX IF EXISTS idx_request_logs_provider;
DROP INDEX IF EXISTS idx_request_logs_model;
DROP INDEX IF EXISTS idx_request_logs_status;
CREATE INDEX idx_request_logs_api_key_time ON request_logs (api_key_id, request_time);
CREATE INDEX idx_request_logs_provider_time ON request_logs (provider_id, request_time);
CREATE INDEX idx_request_logs_model_time ON request_logs (requested_model, request_time);
CREATE INDEX idx_request_logs_status_time ON request_logs (response_status, request_time);
