import {
  ActionIcon,
  Anchor,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { IconFileText, IconKey, IconRefresh, IconServer, IconStack2 } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/errors';
import { useApiKeys, useModels, useProviders, useStats } from '../api/hooks';
import type { Stats, StatsGroup } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { browserOffsetMinutes, formatCost, formatDuration, formatNumber, formatPercent } from '../lib/format';
import { isoWithOffset } from '../lib/logFilters';

/** The dashboard's ranges: how far back, and the bucket that gives a readable number of points. */
export const RANGES = {
  '1h': { label: 'Last hour', ms: 3_600_000, bucket: 'hour' },
  '24h': { label: '24 hours', ms: 86_400_000, bucket: 'hour' },
  '7d': { label: '7 days', ms: 7 * 86_400_000, bucket: 'day' },
  '30d': { label: '30 days', ms: 30 * 86_400_000, bucket: 'day' },
} as const;
export type RangeKey = keyof typeof RANGES;

export function statsQuery(range: RangeKey, now: Date) {
  const { ms, bucket } = RANGES[range];
  return {
    start_time: isoWithOffset(new Date(now.getTime() - ms)),
    end_time: isoWithOffset(now),
    bucket,
    tz_offset_minutes: browserOffsetMinutes(now),
  };
}

/** A trend bucket's label in the browser's zone: the hour for hourly buckets, the date for daily ones. */
export function bucketLabel(bucket: string, kind: string): string {
  const date = new Date(bucket);
  if (Number.isNaN(date.getTime())) return bucket;
  return kind === 'day'
    ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function HomePage() {
  const [range, setRange] = useState<RangeKey>('24h');
  const [refreshed, setRefreshed] = useState(0);
  // "Now" moves only when the operator picks a range or refreshes, so the query key is stable between renders.
  const query = useMemo(() => statsQuery(range, new Date()), [range, refreshed]);
  const stats = useStats(query);
  const notAvailable = stats.error instanceof ApiError && stats.error.status === 404;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Traffic, errors, latency, tokens and cost through this gateway."
        actions={
          <>
            <SegmentedControl
              aria-label="Time range"
              value={range}
              onChange={(value) => setRange(value as RangeKey)}
              data={Object.entries(RANGES).map(([value, r]) => ({ value, label: r.label }))}
            />
            <Tooltip label="Refresh">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Refresh"
                loading={stats.isFetching}
                onClick={() => setRefreshed((n) => n + 1)}
              >
                <IconRefresh size={18} />
              </ActionIcon>
            </Tooltip>
          </>
        }
      />
      <Stack>
        <ConfigurationCards />
        {stats.isPending ? (
          <LoadingState label="Loading statistics…" />
        ) : notAvailable ? (
          <EmptyState
            title="Statistics are not available"
            description="This gateway has no statistics endpoint yet (GET /api/admin/logs/stats answered 404)."
          />
        ) : stats.isError ? (
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
        ) : (
          <StatsView stats={stats.data} bucket={query.bucket} />
        )}
      </Stack>
    </>
  );
}

function ConfigurationCards() {
  const providers = useProviders({ page: 1, page_size: 1 });
  const models = useModels({ page: 1, page_size: 1 });
  const apiKeys = useApiKeys({ page: 1, page_size: 1 });
  const cards = [
    { to: '/providers', label: 'Providers', icon: IconServer, count: providers.data?.total },
    { to: '/models', label: 'Models', icon: IconStack2, count: models.data?.total },
    { to: '/api-keys', label: 'API Keys', icon: IconKey, count: apiKeys.data?.total },
    { to: '/logs', label: 'Request Logs', icon: IconFileText, count: undefined },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      {cards.map((card) => (
        <Card key={card.to} withBorder component={Link} to={card.to} padding="sm">
          <Group justify="space-between">
            <Group gap="xs">
              <card.icon size={20} />
              <Text fw={500}>{card.label}</Text>
            </Group>
            {card.count !== undefined && (
              <Text fw={700} size="lg">
                {card.count}
              </Text>
            )}
          </Group>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function StatCard({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={`stat-${label}`}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function StatsView({ stats, bucket }: { stats: Stats; bucket: string }) {
  const summary = stats.summary ?? {};
  const requests = num(summary.request_count);
  const errors = num(summary.error_count);
  const tokens = summary.total_tokens ?? num(summary.input_tokens) + num(summary.output_tokens);
  const trend = (stats.trend ?? []).map((point) => ({
    label: bucketLabel(point.bucket, stats.bucket ?? bucket),
    Requests: num(point.request_count),
    Errors: num(point.error_count),
    'Input tokens': num(point.input_tokens),
    'Output tokens': num(point.output_tokens),
    Tokens: num(point.tokens),
    'Cost (USD)': num(point.cost),
    'Avg latency (ms)': point.avg_total_time_ms ?? null,
    'p50 latency (ms)': point.p50_total_time_ms ?? null,
    'p95 latency (ms)': point.p95_total_time_ms ?? null,
  }));

  // Percentiles per bucket when the statistics carry them, the average otherwise.
  const hasPercentiles = (stats.trend ?? []).some((p) => p.p50_total_time_ms != null || p.p95_total_time_ms != null);
  const latencySeries = hasPercentiles
    ? [
        { name: 'p50 latency (ms)', color: 'teal.6' },
        { name: 'p95 latency (ms)', color: 'orange.6' },
      ]
    : [{ name: 'Avg latency (ms)', color: 'teal.6' }];

  if (requests === 0 && trend.every((p) => p.Requests === 0)) {
    return (
      <EmptyState
        title="No requests in this range"
        description="Send a request through /v1 with an API key and it shows up here."
      />
    );
  }

  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
        <StatCard
          label="Requests"
          value={formatNumber(requests)}
          hint={`${formatNumber(num(summary.success_count))} succeeded`}
        />
        <StatCard
          label="Error rate"
          value={requests === 0 ? '—' : formatPercent(errors / requests)}
          hint={`${formatNumber(errors)} errors`}
        />
        <StatCard
          label="p50 latency"
          value={formatDuration(summary.p50_total_time_ms)}
          hint={`TTFB ${formatDuration(summary.p50_first_byte_delay_ms)}`}
        />
        <StatCard
          label="p95 latency"
          value={formatDuration(summary.p95_total_time_ms)}
          hint={`TTFB ${formatDuration(summary.p95_first_byte_delay_ms)}`}
        />
        <StatCard
          label="Tokens"
          value={formatNumber(tokens)}
          hint={`${formatNumber(num(summary.input_tokens))} in / ${formatNumber(num(summary.output_tokens))} out`}
        />
        <StatCard
          label="Cost"
          value={formatCost(num(summary.total_cost))}
          hint={
            num(summary.unpriced_count) > 0
              ? `${formatNumber(num(summary.unpriced_count))} unpriced requests not counted`
              : 'known prices only'
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard title="Requests and errors">
          <AreaChart
            h={220}
            data={trend}
            dataKey="label"
            series={[
              { name: 'Requests', color: 'blue.6' },
              { name: 'Errors', color: 'red.6' },
            ]}
            curveType="monotone"
            withDots={trend.length < 40}
          />
        </ChartCard>
        <ChartCard title="Latency (ms)">
          <LineChart h={220} data={trend} dataKey="label" series={latencySeries} curveType="monotone" connectNulls />
        </ChartCard>
        <ChartCard title="Tokens">
          <BarChart
            h={220}
            data={trend}
            dataKey="label"
            type="stacked"
            series={[
              { name: 'Input tokens', color: 'indigo.5' },
              { name: 'Output tokens', color: 'cyan.5' },
            ]}
          />
        </ChartCard>
        <ChartCard title="Cost (USD, known prices)">
          <AreaChart
            h={220}
            data={trend}
            dataKey="label"
            series={[{ name: 'Cost (USD)', color: 'green.6' }]}
            curveType="monotone"
            valueFormatter={usd}
          />
        </ChartCard>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <TopList
          title="Top models"
          groups={stats.by_model}
          name={(g) => g.requested_model ?? '—'}
          link={(g) => (g.requested_model ? `/logs?requested_model=${encodeURIComponent(g.requested_model)}` : null)}
        />
        <TopList
          title="Top providers"
          groups={stats.by_provider}
          name={(g) => g.provider_name ?? `#${g.provider_id}`}
          link={(g) => (g.provider_id ? `/logs?provider_id=${g.provider_id}` : null)}
        />
        <TopList
          title="Top API keys"
          groups={stats.by_api_key}
          name={(g) => g.api_key_name ?? (g.api_key_id ? `#${g.api_key_id}` : 'no key')}
          link={(g) => (g.api_key_id ? `/logs?api_key_id=${g.api_key_id}` : null)}
        />
      </SimpleGrid>
    </Stack>
  );
}

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder>
      <Title order={5} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

const TOP = 5;

/** Axis and tooltip money: small amounts keep two significant digits, so ticks stay distinct. */
function usd(value: number): string {
  return value !== 0 && Math.abs(value) < 0.01 ? `$${value.toPrecision(2)}` : `$${value.toFixed(2)}`;
}

function TopList({
  title,
  groups,
  name,
  link,
}: {
  title: string;
  groups: StatsGroup[] | undefined;
  name: (g: StatsGroup) => string;
  link: (g: StatsGroup) => string | null;
}) {
  const top = [...(groups ?? [])].sort((a, b) => num(b.request_count) - num(a.request_count)).slice(0, TOP);
  return (
    <Card withBorder>
      <Title order={5} mb="sm">
        {title}
      </Title>
      {top.length === 0 ? (
        <Text size="sm" c="dimmed">
          No data
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th ta="right">Requests</Table.Th>
              <Table.Th ta="right">Errors</Table.Th>
              <Table.Th ta="right">Tokens</Table.Th>
              <Table.Th ta="right">Cost</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {top.map((group, index) => {
              const to = link(group);
              return (
                <Table.Tr key={index}>
                  <Table.Td>
                    {to ? (
                      <Anchor component={Link} to={to} size="sm">
                        {name(group)}
                      </Anchor>
                    ) : (
                      name(group)
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(num(group.request_count))}</Table.Td>
                  <Table.Td ta="right">{formatNumber(num(group.error_count))}</Table.Td>
                  <Table.Td ta="right">
                    {formatNumber(group.total_tokens ?? num(group.input_tokens) + num(group.output_tokens))}
                  </Table.Td>
                  <Table.Td ta="right">{formatCost(num(group.total_cost))}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
