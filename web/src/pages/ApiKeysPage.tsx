import { ActionIcon, Alert, Button, Code, Group, Modal, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { fieldError } from '../api/errors';
import { keys, useApiKeys, useWrite } from '../api/hooks';
import type { ApiKey } from '../api/types';
import { ActiveBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyAction } from '../components/CopyAction';
import { FormAlert } from '../components/FormAlert';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, QueryState } from '../components/States';
import { TablePagination } from '../components/TablePagination';
import { formatTime } from '../lib/format';

export function ApiKeysPage() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const apiKeys = useApiKeys({ page, page_size: pageSize });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [editing, setEditing] = useState<ApiKey | null>(null);
  const [deleting, setDeleting] = useState<ApiKey | null>(null);
  const remove = useWrite((id: number) => api.apiKeys.remove(id), {
    invalidate: [keys.apiKeys()],
    success: 'API key deleted',
    onSuccess: () => setDeleting(null),
  });

  return (
    <>
      <PageHeader
        title="API Keys"
        description="Keys your applications use to call the gateway. A key is shown in full only once, when it is created."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New API key
          </Button>
        }
      />
      <QueryState query={apiKeys}>
        {() =>
          apiKeys.data!.total === 0 ? (
            <EmptyState
              title="No API keys yet"
              description="Create one for each application that calls the gateway."
              action={<Button onClick={() => setCreating(true)}>New API key</Button>}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped highlightOnHover verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>ID</Table.Th>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>API Key</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Created At</Table.Th>
                      <Table.Th>Last Used</Table.Th>
                      <Table.Th>Actions</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {apiKeys.data!.items.map((key) => (
                      <Table.Tr key={key.id}>
                        <Table.Td>{key.id}</Table.Td>
                        <Table.Td fw={500}>{key.key_name}</Table.Td>
                        <Table.Td>
                          <Code>{key.key_value}</Code>
                        </Table.Td>
                        <Table.Td>
                          <ActiveBadge active={key.is_active} />
                        </Table.Td>
                        <Table.Td>{formatTime(key.created_at)}</Table.Td>
                        <Table.Td>{key.last_used_at ? formatTime(key.last_used_at) : 'Never'}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Edit API key ${key.key_name}`}
                              onClick={() => setEditing(key)}
                            >
                              <IconEdit size={16} />
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Delete API key ${key.key_name}`}
                              onClick={() => setDeleting(key)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <TablePagination
                page={page}
                pageSize={pageSize}
                total={apiKeys.data!.total}
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
      {creating && (
        <CreateKeyForm
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
          }}
        />
      )}
      {created && <CreatedKeyDialog apiKey={created} onClose={() => setCreated(null)} />}
      {editing && <EditKeyForm apiKey={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete API key"
        message={`Delete API key "${deleting?.key_name}"? Applications using it will be refused at once.`}
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

const NAME_HINT = "Letters, digits, '_', '-', spaces and CJK characters.";

function CreateKeyForm({ onClose, onCreated }: { onClose: () => void; onCreated: (key: ApiKey) => void }) {
  const [name, setName] = useState('');
  const save = useWrite((keyName: string) => api.apiKeys.create(keyName), {
    invalidate: [keys.apiKeys()],
    onSuccess: onCreated,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(name);
  };
  return (
    <Modal opened onClose={onClose} title="New API key">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            required
            description={NAME_HINT}
            placeholder="my-app"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'key_name')}
            data-autofocus
          />
          <FormAlert error={save.error} fields={['key_name']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The only time the full key exists outside the client: shown once, with a copy button. */
function CreatedKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title="API Key Created Successfully" closeOnClickOutside={false} size="lg">
      <Stack>
        <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
          Copy the key now. This is the only time it is shown; the gateway keeps only its hash.
        </Alert>
        <Text size="sm">
          Name: <b>{apiKey.key_name}</b>
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code block style={{ flex: 1 }} data-testid="created-key">
            {apiKey.key_value}
          </Code>
          <CopyAction value={apiKey.key_value} label="Copy key" />
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EditKeyForm({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const [name, setName] = useState(apiKey.key_name);
  const [active, setActive] = useState(apiKey.is_active);
  const save = useWrite((input: { key_name: string; is_active: boolean }) => api.apiKeys.update(apiKey.id, input), {
    invalidate: [keys.apiKeys()],
    success: 'API key saved',
    onSuccess: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ key_name: name, is_active: active });
  };
  return (
    <Modal opened onClose={onClose} title={`Edit API key ${apiKey.key_name}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            required
            description={NAME_HINT}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'key_name')}
            data-autofocus
          />
          <Switch label="Enabled" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <FormAlert error={save.error} fields={['key_name', 'is_active']} />
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
