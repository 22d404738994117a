import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Indicator,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconEye, IconRefresh, IconWaveSine } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { useAllProviders, useApiKeys, useLogs } from '../api/hooks';
import type { LogEntry } from '../api/types';
import { StatusBadge } from '../components/Badges';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { TablePagination } from '../components/TablePagination';
import { formatCost, formatDuration, formatNumber, formatTime } from '../lib/format';
import {
  PAGE_SIZES,
  countAdvanced,
  isoToLocalInput,
  localInputToIso,
  readLogView,
  toApiQuery,
  writeLogView,
  type LogFilters,
  type LogView,
} from '../lib/logFilters';

const SORT_COLUMNS = [
  { value: 'request_time', label: 'Time' },
  { value: 'total_time_ms', label: 'Total time' },
  { value: 'first_byte_delay_ms', label: 'Time to first byte' },
  { value: 'input_tokens', label: 'Input tokens' },
  { value: 'output_tokens', label: 'Output tokens' },
  { value: 'response_status', label: 'Status' },
  { value: 'retry_count', label: 'Retries' },
  { value: 'total_cost', label: 'Cost' },
];

export function logLink(id: number): string {
  return `/logs/detail?id=${id}`;
}

export function LogsPage() {
  const [params, setParams] = useSearchParams();
  const view = readLogView(params);
  const logs = useLogs(toApiQuery(view));
  const setView = (next: LogView) => setParams(writeLogView(next));
  const unavailable =
    logs.error instanceof ApiError && logs.error.status === 404 && logs.error.code !== 'log_not_found';

  return (
    <>
      <PageHeader
        title="Request Logs"
        description="Every request the gateway answered. Filters live in the address bar: copy it to share this view."
        actions={
          <Tooltip label="Refresh">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Refresh"
              onClick={() => void logs.refetch()}
              loading={logs.isFetching}
            >
              <IconRefresh size={18} />
            </ActionIcon>
          </Tooltip>
        }
      />
      <FilterPanel view={view} onApply={(filters) => setView({ ...view, filters, page: 1 })} />
      <Group justify="flex-end" my="sm" gap="xs">
        <Select
          aria-label="Sort by"
          size="xs"
          w={170}
          data={SORT_COLUMNS}
          value={view.sortBy}
          allowDeselect={false}
          onChange={(sortBy) => setView({ ...view, sortBy: sortBy ?? 'request_time', page: 1 })}
        />
        <Select
          aria-label="Sort order"
          size="xs"
          w={130}
          data={[
            { value: 'desc', label: 'Descending' },
            { value: 'asc', label: 'Ascending' },
          ]}
          value={view.sortOrder}
          allowDeselect={false}
          onChange={(order) => setView({ ...view, sortOrder: order === 'asc' ? 'asc' : 'desc', page: 1 })}
        />
      </Group>
      {logs.isPending ? (
        <LoadingState />
      ) : unavailable ? (
        <EmptyState
          title="Request logs are not available"
          description="This gateway has no log API yet (GET /api/admin/logs answered 404)."
        />
      ) : logs.isError ? (
        <ErrorState error={logs.error} onRetry={() => void logs.refetch()} />
      ) : logs.data.total === 0 ? (
        <EmptyState
          title="No requests match"
          description={
            Object.keys(view.filters).length > 0
              ? 'Try fewer filters.'
              : 'Requests appear here once clients call the gateway.'
          }
        />
      ) : (
        <>
          <LogTable items={logs.data.items} />
          <TablePagination
            page={view.page}
            pageSize={view.pageSize}
            total={logs.data.total}
            pageSizes={PAGE_SIZES}
            onPageChange={(page) => setView({ ...view, page })}
            onPageSizeChange={(pageSize) => setView({ ...view, pageSize, page: 1 })}
          />
        </>
      )}
    </>
  );
}

function LogTable({ items }: { items: LogEntry[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="log-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Model Mapping</Table.Th>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Status / Retry</Table.Th>
            <Table.Th>Latency / Total</Table.Th>
            <Table.Th>In / Out Token</Table.Th>
            <Table.Th>Usage / Stream</Table.Th>
            <Table.Th>Cost</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((log) => {
            const total = (log.input_tokens ?? 0) + (log.output_tokens ?? 0);
            const differs = log.target_model && log.target_model !== log.requested_model;
            return (
              <Table.Tr key={log.id}>
                <Table.Td>
                  <Tooltip label={`Trace ${log.trace_id.slice(0, 8)}…`} withArrow>
                    <Text size="sm">{formatTime(log.request_time)}</Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {log.requested_model ?? '—'}
                    {differs ? ` → ${log.target_model}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {log.api_key_name ?? 'no key'}
                  </Text>
                </Table.Td>
                <Table.Td>{log.provider_name ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <StatusBadge status={log.response_status} />
                    {log.retry_count > 0 && (
                      <Text size="xs" c="orange">
                        Retry: {log.retry_count}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDuration(log.first_byte_delay_ms)}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDuration(log.total_time_ms)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {formatNumber(log.input_tokens)} / {formatNumber(log.output_tokens)}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="sm">{formatNumber(total)}</Text>
                    {log.usage_source === 'estimate' && (
                      <Badge size="xs" variant="light" color="gray">
                        est.
                      </Badge>
                    )}
                    {log.is_stream && (
                      <Tooltip label="Stream">
                        <IconWaveSine size={16} aria-label="stream" />
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {log.price_source === 'unpriced' ? (
                    <Text size="xs" c="dimmed">
                      unpriced
                    </Text>
                  ) : (
                    formatCost(log.total_cost)
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    component={Link}
                    to={logLink(log.id)}
                    size="xs"
                    variant="light"
                    leftSection={<IconEye size={14} />}
                    aria-label={`View log ${log.id}`}
                  >
                    View
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The filter form: edits a draft, applies it to the URL on submit (page 1), Reset clears everything. */
function FilterPanel({ view, onApply }: { view: LogView; onApply: (filters: LogFilters) => void }) {
  const [draft, setDraft] = useState<LogFilters>(view.filters);
  const [advanced, setAdvanced] = useState(countAdvanced(view.filters) > 0);
  const providers = useAllProviders();
  const apiKeys = useApiKeys({ page: 1, page_size: 100 });
  const serialized = JSON.stringify(view.filters);
  // The URL is the truth: back/forward and shared links replace the draft.
  useEffect(() => setDraft(JSON.parse(serialized) as LogFilters), [serialized]);

  const set = (key: keyof LogFilters) => (value: string | null) => setDraft((d) => ({ ...d, [key]: value ?? '' }));
  const text = (key: keyof LogFilters) => ({
    value: draft[key] ?? '',
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => set(key)(event.currentTarget.value),
  });
  const time = (key: 'start_time' | 'end_time') => ({
    type: 'datetime-local',
    value: isoToLocalInput(draft[key]),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      set(key)(localInputToIso(event.currentTarget.value) ?? ''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const advancedCount = countAdvanced(view.filters);

  return (
    <Card withBorder component="form" onSubmit={submit} aria-label="Log filters">
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }}>
        <TextInput label="Start Time" {...time('start_time')} />
        <TextInput label="End Time" {...time('end_time')} />
        <TextInput label="Requested Model" placeholder="contains…" {...text('requested_model')} />
        <TextInput label="Target Model" placeholder="contains…" {...text('target_model')} />
        <Select
          label="Provider"
          data={[
            { value: '', label: 'All' },
            ...(providers.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.name })),
          ]}
          value={draft.provider_id ?? ''}
          onChange={set('provider_id')}
          allowDeselect={false}
          searchable
        />
        <Select
          label="Has Error"
          data={[
            { value: '', label: 'All' },
            { value: 'true', label: 'Has Error' },
            { value: 'false', label: 'No Error' },
          ]}
          value={draft.has_error ?? ''}
          onChange={set('has_error')}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Collapse expanded={advanced}>
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} mt="sm">
          <TextInput label="Status Code Min" inputMode="numeric" placeholder="e.g. 400" {...text('status_min')} />
          <TextInput label="Status Code Max" inputMode="numeric" placeholder="e.g. 599" {...text('status_max')} />
          <TextInput label="Retry Count Min" inputMode="numeric" {...text('retry_count_min')} />
          <TextInput label="Retry Count Max" inputMode="numeric" {...text('retry_count_max')} />
          <TextInput label="API Key Name" placeholder="contains…" {...text('api_key_name')} />
          <Select
            label="API Key"
            data={[
              { value: '', label: 'All' },
              ...(apiKeys.data?.items ?? []).map((k) => ({ value: String(k.id), label: k.key_name })),
            ]}
            value={draft.api_key_id ?? ''}
            onChange={set('api_key_id')}
            allowDeselect={false}
            searchable
          />
          <TextInput label="Input Tokens Min" inputMode="numeric" {...text('input_tokens_min')} />
          <TextInput label="Input Tokens Max" inputMode="numeric" {...text('input_tokens_max')} />
          <TextInput label="Total Time Min (ms)" inputMode="numeric" {...text('total_time_min')} />
          <TextInput label="Total Time Max (ms)" inputMode="numeric" {...text('total_time_max')} />
        </SimpleGrid>
      </Collapse>
      <Group justify="flex-end" mt="sm" gap="xs">
        <Indicator label={advancedCount} size={16} disabled={advancedCount === 0}>
          <Button
            variant="subtle"
            onClick={() => setAdvanced((a) => !a)}
            rightSection={advanced ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
            aria-expanded={advanced}
          >
            Advanced filters
          </Button>
        </Indicator>
        <Button
          variant="default"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          Reset
        </Button>
        <Button type="submit">Filter</Button>
      </Group>
      <Stack />
    </Card>
  );
}
