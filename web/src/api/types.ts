// Shapes of the admin API (seed-spec section 9 and 14, as the gateway's admin package answers them).

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface AuthStatus {
  enabled: boolean;
  authenticated: boolean;
}

export interface LoginAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
}

export type Protocol = 'openai' | 'anthropic';

export interface Provider {
  id: number;
  name: string;
  base_url: string;
  protocol: Protocol;
  api_type: string;
  api_key: string | null;
  extra_headers: Record<string, string> | null;
  is_active: boolean;
  include_stream_usage?: boolean;
  /** OpenAI-protocol providers: false when only Chat Completions is offered (Responses is then translated). */
  responses_api?: boolean;
  /** Present once routing health exists (issue 4). */
  health_status?: ProviderHealthItem | string | null;
  created_at: string;
  updated_at: string;
}

export interface ProviderInput {
  name?: string;
  base_url?: string;
  protocol?: Protocol;
  api_type?: string;
  api_key?: string | null;
  extra_headers?: Record<string, string> | null;
  is_active?: boolean;
  include_stream_usage?: boolean;
  responses_api?: boolean;
}

export interface ProviderHealthItem {
  provider_id: number;
  provider_name?: string | null;
  state: string;
  error_ratio?: number | null;
  requests_in_window?: number | null;
  latency_ewma_ms?: number | null;
  open_until?: string | null;
  last_error?: string | null;
  last_error_at?: string | null;
  consecutive_trips?: number | null;
  /** The circuits of the models it serves that are not where the provider is (another state, or recent failures). */
  mappings?: MappingHealthItem[];
}

/** One model's circuit on a provider: rate limits, 5xx and timeouts are charged here, not to the provider. */
export interface MappingHealthItem {
  mapping_id: number;
  requested_model?: string | null;
  target_model?: string | null;
  state: string;
  error_ratio?: number | null;
  open_until?: string | null;
  last_error?: string | null;
}

export type Logic = 'AND' | 'OR';

export const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'regex',
  'in',
  'not_in',
  'exists',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Rule {
  field: string;
  operator: Operator;
  value: unknown;
}

export interface RuleSet {
  rules: Rule[];
  logic: Logic;
}

export const STRATEGIES = ['round_robin', 'weighted', 'priority', 'least_latency', 'cost_first'] as const;

export interface Model {
  requested_model: string;
  strategy: string;
  matching_rules: RuleSet | null;
  capabilities: Record<string, unknown> | null;
  input_price: number | null;
  output_price: number | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
  provider_count: number;
  providers: Mapping[] | null;
}

export interface ModelInput {
  requested_model?: string;
  strategy?: string;
  matching_rules?: RuleSet | null;
  /** An object, or the raw text when it is not JSON (the server names the problem). */
  capabilities?: unknown;
  input_price?: number | null;
  output_price?: number | null;
  is_active?: boolean;
}

export interface Mapping {
  id: number;
  requested_model: string;
  provider_id: number;
  provider_name: string;
  provider_protocol: Protocol;
  target_model_name: string;
  provider_rules: RuleSet | null;
  input_price: number | null;
  output_price: number | null;
  priority: number;
  weight: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface MappingInput {
  requested_model?: string;
  provider_id?: number;
  target_model_name?: string;
  provider_rules?: RuleSet | null;
  input_price?: number | null;
  output_price?: number | null;
  priority?: number;
  weight?: number;
  is_active?: boolean;
}

export interface ApiKey {
  id: number;
  key_name: string;
  key_value: string;
  is_active: boolean;
  created_at: string;
  last_used_at: string | null;
}

export interface LogEntry {
  id: number;
  request_time: string;
  api_key_id: number | null;
  api_key_name: string | null;
  requested_model: string | null;
  target_model: string | null;
  provider_id: number | null;
  provider_name: string | null;
  retry_count: number;
  matched_provider_count: number | null;
  first_byte_delay_ms: number | null;
  total_time_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  response_status: number | null;
  trace_id: string;
  is_stream: boolean;
  endpoint?: string | null;
  usage_source?: string | null;
  total_cost?: number | null;
  price_source?: string | null;
  cache_read_tokens?: number | null;
  cache_write_tokens?: number | null;
  reasoning_tokens?: number | null;
}

export interface Attempt {
  provider_id?: number | null;
  provider_name?: string | null;
  target_model?: string | null;
  status?: number | null;
  duration_ms?: number | null;
  error?: string | null;
  [key: string]: unknown;
}

export interface LogDetail extends LogEntry {
  request_headers: unknown;
  request_body: unknown;
  request_body_truncated?: boolean;
  response_body: unknown;
  response_body_truncated?: boolean;
  error_info: string | null;
  attempts: Attempt[] | string | null;
  input_cost?: number | null;
  output_cost?: number | null;
}

export interface StatsTotals {
  request_count?: number;
  success_count?: number;
  error_count?: number;
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  total_cost?: number | null;
  unpriced_count?: number;
  estimated_count?: number;
  avg_total_time_ms?: number | null;
  [key: string]: unknown;
}

export interface StatsSummary extends StatsTotals {
  p50_total_time_ms?: number | null;
  p95_total_time_ms?: number | null;
  p50_first_byte_delay_ms?: number | null;
  p95_first_byte_delay_ms?: number | null;
}

export interface TrendPoint {
  bucket: string;
  request_count?: number;
  success_count?: number;
  error_count?: number;
  tokens?: number;
  input_tokens?: number;
  output_tokens?: number;
  cost?: number | null;
  avg_total_time_ms?: number | null;
  p50_total_time_ms?: number | null;
  p95_total_time_ms?: number | null;
}

export interface StatsGroup extends StatsTotals {
  requested_model?: string | null;
  provider_id?: number | null;
  provider_name?: string | null;
  api_key_id?: number | null;
  api_key_name?: string | null;
}

export interface Stats {
  bucket?: string;
  summary: StatsSummary;
  trend: TrendPoint[];
  by_model: StatsGroup[];
  by_provider: StatsGroup[];
  by_api_key: StatsGroup[];
}

export interface ImportAnswer {
  success: number;
  skipped: number;
  errors?: string[];
}
