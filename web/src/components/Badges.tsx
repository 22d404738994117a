import { Badge, Group, Tooltip } from '@mantine/core';
import type { ProviderHealthItem } from '../api/types';
import { formatPercent, formatTime } from '../lib/format';

export function statusColor(status: number | null | undefined): string {
  if (status === null || status === undefined) return 'gray';
  if (status >= 500) return 'red';
  if (status >= 400) return 'yellow';
  if (status >= 300) return 'blue';
  if (status >= 200) return 'green';
  return 'gray';
}

export function StatusBadge({ status }: { status: number | null | undefined }) {
  return (
    <Badge color={statusColor(status)} variant="light">
      {status ?? 'none'}
    </Badge>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  return (
    <Badge color={active ? 'green' : 'gray'} variant="light">
      {active ? 'Active' : 'Inactive'}
    </Badge>
  );
}

export function ProtocolBadge({ protocol }: { protocol: string }) {
  return (
    <Badge color={protocol === 'anthropic' ? 'orange' : 'blue'} variant="outline">
      {protocol === 'anthropic' ? 'Anthropic' : protocol === 'openai' ? 'OpenAI' : protocol}
    </Badge>
  );
}

const HEALTH_COLORS: Record<string, string> = {
  closed: 'green',
  half_open: 'yellow',
  open: 'red',
  rate_limited: 'orange',
  key_invalid: 'red',
};

const HEALTH_LABELS: Record<string, string> = {
  closed: 'Healthy',
  half_open: 'Probing',
  open: 'Open circuit',
  rate_limited: 'Rate limited',
  key_invalid: 'Key invalid',
};

export function HealthBadge({ health }: { health: ProviderHealthItem | null | undefined }) {
  if (!health) {
    return (
      <Badge color="gray" variant="light">
        No data
      </Badge>
    );
  }
  const details = [
    `Error ratio: ${formatPercent(health.error_ratio)}`,
    health.requests_in_window !== undefined && health.requests_in_window !== null
      ? `Requests in window: ${health.requests_in_window}`
      : null,
    health.latency_ewma_ms !== undefined && health.latency_ewma_ms !== null
      ? `Latency (avg): ${Math.round(health.latency_ewma_ms)} ms`
      : null,
    health.open_until ? `Open until: ${formatTime(health.open_until)}` : null,
  ].filter(Boolean);
  const own = (
    <Tooltip label={details.join(' · ')} withArrow multiline maw={320}>
      <Badge color={HEALTH_COLORS[health.state] ?? 'gray'} variant="light">
        {HEALTH_LABELS[health.state] ?? health.state}
      </Badge>
    </Tooltip>
  );
  const tripped = unhealthyModels(health);
  if (tripped.length === 0) return own;
  return (
    <Group gap={4} wrap="nowrap">
      {own}
      <Tooltip
        label={tripped
          .map(
            (m) =>
              `${m.requested_model ?? `mapping ${m.mapping_id}`}: ${HEALTH_LABELS[m.state] ?? m.state}` +
              (m.open_until ? ` until ${formatTime(m.open_until)}` : ''),
          )
          .join(' · ')}
        withArrow
        multiline
        maw={320}
      >
        <Badge color={HEALTH_COLORS[tripped[0].state] ?? 'gray'} variant="outline" data-testid="model-circuits">
          {tripped.length === 1 ? '1 model' : `${tripped.length} models`}{' '}
          {HEALTH_LABELS[tripped[0].state] ?? tripped[0].state}
        </Badge>
      </Tooltip>
    </Group>
  );
}

/**
 * The models whose own circuit keeps them from this provider while the provider's is fine: rate limits, 5xx and
 * timeouts are charged per model, so the provider alone can look healthy while a model is not served by it.
 */
export function unhealthyModels(health: ProviderHealthItem) {
  return (health.mappings ?? []).filter((m) => m.state !== 'closed' && m.state !== health.state);
}
