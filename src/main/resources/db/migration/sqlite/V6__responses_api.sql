-- Issue 7: whether an OpenAI-protocol provider offers the Responses API. When it does not, the gateway translates
-- /v1/responses requests to its Chat Completions. Keep in step with the PostgreSQL file.
ALTER TABLE service_providers ADD COLUMN responses_api BOOLEAN NOT NULL DEFAULT 1;
