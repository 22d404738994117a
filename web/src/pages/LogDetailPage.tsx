import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Tabs, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconCheck, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useLog } from '../api/hooks';
import type { Attempt, LogDetail } from '../api/types';
import { StatusBadge, statusColor } from '../components/Badges';
import { CopyAction } from '../components/CopyAction';
import { JsonViewer } from '../components/JsonViewer';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, QueryState } from '../components/States';
import { formatCost, formatDuration, formatNumber, formatTime } from '../lib/format';

/** The attempts as a list, whatever the stored text was (older rows may have none). */
export function attemptsOf(log: Pick<LogDetail, 'attempts'>): Attempt[] {
  const value = log.attempts;
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? (parsed as Attempt[]) : [];
    } catch {
      return [];
    }
  }
  return [];
}

export function LogDetailPage() {
  const [params] = useSearchParams();
  const id = params.get('id') ?? '';
  const log = useLog(id);

  if (!id)
    return (
      <EmptyState
        title="No log chosen"
        description={
          <Anchor component={Link} to="/logs">
            Back to the request logs
          </Anchor>
        }
      />
    );

  return (
    <>
      <Anchor component={Link} to="/logs" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Request Logs
        </Group>
      </Anchor>
      <PageHeader title={`Request #${id}`} />
      <QueryState query={log}>{() => <Detail log={log.data!} />}</QueryState>
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg">
        {value}
      </Text>
    </Card>
  );
}

function Detail({ log }: { log: LogDetail }) {
  const attempts = attemptsOf(log);
  const tokens = (log.input_tokens ?? 0) + (log.output_tokens ?? 0);
  return (
    <Stack>
      <Card withBorder>
        <Group gap="xs" mb="sm">
          <StatusBadge status={log.response_status} />
          {log.is_stream && <Badge variant="light">Stream</Badge>}
          {log.endpoint && <Badge variant="outline">{log.endpoint}</Badge>}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Field label="Trace ID">
            <Group gap={4} wrap="nowrap">
              <Text size="sm" ff="monospace" truncate>
                {log.trace_id}
              </Text>
              <CopyAction value={log.trace_id} label="Copy trace id" />
            </Group>
          </Field>
          <Field label="Request Time">{formatTime(log.request_time)}</Field>
          <Field label="Provider">{log.provider_name ?? '—'}</Field>
          <Field label="API Key">{log.api_key_name ? `${log.api_key_name} (#${log.api_key_id})` : '—'}</Field>
          <Field label="Model Mapping">
            <Text size="sm" ff="monospace">
              {log.requested_model ?? '—'}
              {log.target_model && log.target_model !== log.requested_model ? ` → ${log.target_model}` : ''}
            </Text>
          </Field>
          <Field label="Matched providers">{formatNumber(log.matched_provider_count)}</Field>
          <Field label="Usage source">{log.usage_source ?? '—'}</Field>
          <Field label="Price source">{log.price_source ?? '—'}</Field>
        </SimpleGrid>
      </Card>

      <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }}>
        <Metric label="TTFB" value={formatDuration(log.first_byte_delay_ms)} />
        <Metric label="Total" value={formatDuration(log.total_time_ms)} />
        <Metric label="Input" value={formatNumber(log.input_tokens)} />
        <Metric label="Output" value={formatNumber(log.output_tokens)} />
        <Metric label="Retries" value={String(log.retry_count)} />
        <Metric label="Tokens" value={formatNumber(tokens)} />
        <Metric label="Cost" value={log.price_source === 'unpriced' ? 'unpriced' : formatCost(log.total_cost)} />
        <Metric label="Cost in / out" value={`${formatCost(log.input_cost)} / ${formatCost(log.output_cost)}`} />
      </SimpleGrid>
      {(log.cache_read_tokens || log.cache_write_tokens || log.reasoning_tokens) && (
        <Text size="sm" c="dimmed">
          Cache read {formatNumber(log.cache_read_tokens)} · cache write {formatNumber(log.cache_write_tokens)} ·
          reasoning {formatNumber(log.reasoning_tokens)}
        </Text>
      )}

      <Card withBorder>
        <Title order={5} mb="sm">
          Request Flow
        </Title>
        <Group gap="xs" mb="md">
          <Badge variant="light">API key: {log.api_key_name ?? '—'}</Badge>
          <IconArrowRight size={16} />
          <Badge variant="light">Gateway ({log.requested_model ?? '—'})</Badge>
          <IconArrowRight size={16} />
          <Badge variant="light" color={statusColor(log.response_status)}>
            Provider: {log.provider_name ?? '—'}
          </Badge>
        </Group>
        {attempts.length === 0 ? (
          <Text size="sm" c="dimmed">
            No upstream attempt was made.
          </Text>
        ) : (
          <Timeline active={attempts.length - 1} bulletSize={22} lineWidth={2} data-testid="attempt-trail">
            {attempts.map((attempt, index) => {
              const ok = !attempt.error && (attempt.status ?? 0) < 400;
              return (
                <Timeline.Item
                  key={index}
                  color={ok ? 'green' : 'red'}
                  bullet={ok ? <IconCheck size={12} /> : <IconX size={12} />}
                  title={`Attempt ${index + 1}: ${attempt.provider_name ?? `provider #${attempt.provider_id}`}`}
                >
                  <Group gap="xs">
                    <StatusBadge status={attempt.status} />
                    {attempt.transport_failure === true && (
                      <Badge color="red" variant="outline" size="sm">
                        transport failure
                      </Badge>
                    )}
                    <Text size="sm" c="dimmed">
                      {attempt.target_model ?? ''} · {formatDuration(attempt.duration_ms)}
                    </Text>
                  </Group>
                  {attempt.error && (
                    <Text size="sm" c="red">
                      {attempt.error}
                    </Text>
                  )}
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </Card>

      {log.error_info && (
        <Alert color="red" title="Error" icon={<IconAlertTriangle size={18} />}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {log.error_info}
          </Text>
        </Alert>
      )}

      <Card withBorder>
        <Title order={5} mb="sm">
          Payload
        </Title>
        <Tabs defaultValue="request">
          <Tabs.List>
            <Tabs.Tab value="request">Request</Tabs.Tab>
            <Tabs.Tab value="response">Response</Tabs.Tab>
            <Tabs.Tab value="headers">Headers</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="request" pt="sm">
            <JsonViewer label="Request body" value={log.request_body} truncated={log.request_body_truncated} />
          </Tabs.Panel>
          <Tabs.Panel value="response" pt="sm">
            <JsonViewer label="Response body" value={log.response_body} truncated={log.response_body_truncated} />
          </Tabs.Panel>
          <Tabs.Panel value="headers" pt="sm">
            <JsonViewer label="Request headers (redacted)" value={log.request_headers} />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </Stack>
  );
}
