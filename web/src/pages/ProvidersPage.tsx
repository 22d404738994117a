import {
  ActionIcon,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { fieldError } from '../api/errors';
import { keys, useProviderHealth, useProviders, useWrite } from '../api/hooks';
import type { Protocol, Provider, ProviderHealthItem, ProviderInput } from '../api/types';
import { ActiveBadge, HealthBadge, ProtocolBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormAlert } from '../components/FormAlert';
import { ImportExport } from '../components/ImportExport';
import { KeyValueEditor, recordOf, rowsOf, type KeyValueRow } from '../components/KeyValueEditor';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, QueryState } from '../components/States';
import { TablePagination } from '../components/TablePagination';
import { formatTime } from '../lib/format';

const API_TYPES = [
  { value: 'chat', label: 'Chat Completions' },
  { value: 'completion', label: 'Text Completions' },
  { value: 'embedding', label: 'Embeddings' },
];

const FIELDS = [
  'name',
  'base_url',
  'protocol',
  'api_type',
  'api_key',
  'extra_headers',
  'is_active',
  'include_stream_usage',
  'responses_api',
];

/** The health the provider answer carries (issue 4), else the one from the health endpoint. */
function healthOf(provider: Provider, byId: Map<number, ProviderHealthItem> | null): ProviderHealthItem | null {
  if (provider.health_status && typeof provider.health_status === 'object') return provider.health_status;
  return byId?.get(provider.id) ?? null;
}

export function ProvidersPage() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const providers = useProviders({ page, page_size: pageSize });
  const health = useProviderHealth();
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  const remove = useWrite((id: number) => api.providers.remove(id), {
    invalidate: [keys.providers()],
    success: 'Provider deleted',
    onSuccess: () => setDeleting(null),
  });

  const healthById = health.data ? new Map(health.data.map((item) => [item.provider_id, item])) : null;
  const showHealth = healthById !== null || (providers.data?.items.some((p) => p.health_status !== undefined) ?? false);

  return (
    <>
      <PageHeader
        title="Providers"
        description="Upstream services the gateway forwards to."
        actions={
          <>
            <ImportExport
              what="providers"
              exportAll={api.providers.exportAll}
              importAll={api.providers.importAll}
              invalidate={[keys.providers()]}
              exportHint="Downloads every provider as JSON, including its API key in clear text: keep the file as safe as the keys."
            />
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New provider
            </Button>
          </>
        }
      />
      <QueryState query={providers}>
        {() =>
          providers.data!.total === 0 ? (
            <EmptyState
              title="No providers yet"
              description="Add the first upstream service, e.g. https://api.openai.com/v1."
              action={<Button onClick={() => setEditing('new')}>New provider</Button>}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped highlightOnHover verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>ID</Table.Th>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Base URL</Table.Th>
                      <Table.Th>Protocol</Table.Th>
                      <Table.Th>API Type</Table.Th>
                      {showHealth && <Table.Th>Health</Table.Th>}
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Updated At</Table.Th>
                      <Table.Th>Actions</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {providers.data!.items.map((provider) => {
                      const providerHealth = healthOf(provider, healthById);
                      return (
                        <Table.Tr key={provider.id}>
                          <Table.Td>{provider.id}</Table.Td>
                          <Table.Td fw={500}>{provider.name}</Table.Td>
                          <Table.Td>
                            <Text size="sm" ff="monospace">
                              {provider.base_url}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <ProtocolBadge protocol={provider.protocol} />
                          </Table.Td>
                          <Table.Td>
                            {API_TYPES.find((t) => t.value === provider.api_type)?.label ?? provider.api_type}
                          </Table.Td>
                          {showHealth && (
                            <Table.Td>
                              <Stack gap={2}>
                                <HealthBadge health={providerHealth} />
                                {providerHealth?.last_error && (
                                  <Tooltip
                                    label={`${providerHealth.last_error}${providerHealth.last_error_at ? ` (${formatTime(providerHealth.last_error_at)})` : ''}`}
                                    multiline
                                    maw={360}
                                  >
                                    <Text size="xs" c="red" lineClamp={1} maw={200}>
                                      {providerHealth.last_error}
                                    </Text>
                                  </Tooltip>
                                )}
                              </Stack>
                            </Table.Td>
                          )}
                          <Table.Td>
                            <ActiveBadge active={provider.is_active} />
                          </Table.Td>
                          <Table.Td>{formatTime(provider.updated_at)}</Table.Td>
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <ActionIcon
                                variant="subtle"
                                aria-label={`Edit provider ${provider.name}`}
                                onClick={() => setEditing(provider)}
                              >
                                <IconEdit size={16} />
                              </ActionIcon>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={`Delete provider ${provider.name}`}
                                onClick={() => setDeleting(provider)}
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <TablePagination
                page={page}
                pageSize={pageSize}
                total={providers.data!.total}
                onPageChange={setPage}
                onPageSizeChange={(size) => {
                  setPageSize(size);
                  setPage(1);
                }}
              />
            </>
          )
        }
      </QueryState>
      {editing !== null && (
        <ProviderForm provider={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete provider"
        message={`Delete provider "${deleting?.name}"? A provider that model mappings still use cannot be deleted.`}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </>
  );
}

function ProviderForm({ provider, onClose }: { provider: Provider | null; onClose: () => void }) {
  const [name, setName] = useState(provider?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(provider?.base_url ?? '');
  const [protocol, setProtocol] = useState<Protocol>(provider?.protocol ?? 'openai');
  const [apiType, setApiType] = useState(provider?.api_type ?? 'chat');
  const [apiKey, setApiKey] = useState('');
  const [headers, setHeaders] = useState<KeyValueRow[]>(rowsOf(provider?.extra_headers));
  const [active, setActive] = useState(provider?.is_active ?? true);
  const [streamUsage, setStreamUsage] = useState(provider?.include_stream_usage ?? false);
  const [responsesApi, setResponsesApi] = useState(provider?.responses_api ?? true);
  const save = useWrite(
    (input: ProviderInput) => (provider ? api.providers.update(provider.id, input) : api.providers.create(input)),
    { invalidate: [keys.providers()], success: provider ? 'Provider saved' : 'Provider created', onSuccess: onClose },
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ProviderInput = {
      name,
      base_url: baseUrl,
      protocol,
      api_type: apiType,
      extra_headers: recordOf(headers),
      is_active: active,
      include_stream_usage: streamUsage,
      responses_api: responsesApi,
    };
    // Editing: a blank key means "keep the stored one", so it is not sent.
    if (apiKey !== '') input.api_key = apiKey;
    save.mutate(input);
  };
  const err = (field: string) => fieldError(save.error, field);

  return (
    <Modal opened onClose={onClose} title={provider ? `Edit provider ${provider.name}` : 'New provider'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={err('name')}
            data-autofocus
          />
          <TextInput
            label="Base URL"
            required
            placeholder="https://api.openai.com"
            description="Include the version segment, e.g. https://api.openai.com/v1"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.currentTarget.value)}
            error={err('base_url')}
          />
          <Group grow>
            <Select
              label="Protocol"
              data={[
                { value: 'openai', label: 'OpenAI' },
                { value: 'anthropic', label: 'Anthropic' },
              ]}
              value={protocol}
              allowDeselect={false}
              onChange={(v) => setProtocol((v ?? 'openai') as Protocol)}
              error={err('protocol')}
            />
            <Select
              label="API Type"
              data={API_TYPES}
              value={apiType}
              allowDeselect={false}
              onChange={(v) => setApiType(v ?? 'chat')}
              error={err('api_type')}
            />
          </Group>
          <PasswordInput
            label="API Key"
            placeholder={provider ? 'Leave blank to keep unchanged' : 'sk-…'}
            description={provider?.api_key ? `Stored: ${provider.api_key}` : undefined}
            value={apiKey}
            onChange={(e) => setApiKey(e.currentTarget.value)}
            error={err('api_key')}
            autoComplete="new-password"
          />
          <KeyValueEditor label="Extra Headers" rows={headers} onChange={setHeaders} error={err('extra_headers')} />
          {protocol === 'openai' && (
            <Switch
              label="Ask for usage in streams (stream_options.include_usage)"
              checked={streamUsage}
              onChange={(e) => setStreamUsage(e.currentTarget.checked)}
            />
          )}
          {protocol === 'openai' && (
            <Switch
              label="Offers the Responses API (/v1/responses)"
              description="Off: Responses requests are translated to this provider's Chat Completions"
              checked={responsesApi}
              onChange={(e) => setResponsesApi(e.currentTarget.checked)}
              error={err('responses_api')}
            />
          )}
          <Switch
            label="Enabled"
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
            error={err('is_active')}
          />
          <FormAlert error={save.error} fields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
