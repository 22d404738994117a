import { ActionIcon, Anchor, Badge, Button, Group, Table, Tooltip } from '@mantine/core';
import { IconEdit, IconEye, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { keys, useModels, useWrite } from '../api/hooks';
import type { Model } from '../api/types';
import { ActiveBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ImportExport } from '../components/ImportExport';
import { ModelForm, STRATEGY_LABELS } from '../components/ModelForm';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, QueryState } from '../components/States';
import { TablePagination } from '../components/TablePagination';
import { formatCost, formatTime } from '../lib/format';

export function modelLink(name: string): string {
  return `/models/detail?model=${encodeURIComponent(name)}`;
}

export function ModelsPage() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const models = useModels({ page, page_size: pageSize });
  const [editing, setEditing] = useState<Model | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Model | null>(null);
  const navigate = useNavigate();
  const remove = useWrite((name: string) => api.models.remove(name), {
    invalidate: [keys.models(), keys.mappings],
    success: 'Model deleted',
    onSuccess: () => setDeleting(null),
  });

  return (
    <>
      <PageHeader
        title="Models"
        description="The model names clients send, and how each is routed."
        actions={
          <>
            <ImportExport
              what="models"
              exportAll={api.models.exportAll}
              importAll={api.models.importAll}
              invalidate={[keys.models(), keys.mappings]}
              exportHint="Downloads every model with its mappings (providers named, not numbered). Import providers first."
            />
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New model
            </Button>
          </>
        }
      />
      <QueryState query={models}>
        {() =>
          models.data!.total === 0 ? (
            <EmptyState
              title="No models yet"
              description="A model is the name clients send; map it to providers on its page."
              action={<Button onClick={() => setEditing('new')}>New model</Button>}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped highlightOnHover verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Requested Model Name</Table.Th>
                      <Table.Th>Strategy</Table.Th>
                      <Table.Th>Providers</Table.Th>
                      <Table.Th>Matching Rules</Table.Th>
                      <Table.Th>Price in / out</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Updated At</Table.Th>
                      <Table.Th>Actions</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {models.data!.items.map((model) => (
                      <Table.Tr key={model.requested_model}>
                        <Table.Td>
                          <Anchor component={Link} to={modelLink(model.requested_model)} fw={500}>
                            {model.requested_model}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light">{STRATEGY_LABELS[model.strategy] ?? model.strategy}</Badge>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="outline" color={model.provider_count > 0 ? 'blue' : 'gray'}>
                            {model.provider_count}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {model.matching_rules && model.matching_rules.rules?.length > 0 ? (
                            <Tooltip label={JSON.stringify(model.matching_rules)} multiline maw={400}>
                              <Badge color="grape" variant="light">
                                {model.matching_rules.rules.length} rule
                                {model.matching_rules.rules.length === 1 ? '' : 's'} (
                                {model.matching_rules.logic ?? 'AND'})
                              </Badge>
                            </Tooltip>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td>
                          {formatCost(model.input_price)} / {formatCost(model.output_price)}
                        </Table.Td>
                        <Table.Td>
                          <ActiveBadge active={model.is_active} />
                        </Table.Td>
                        <Table.Td>{formatTime(model.updated_at)}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <ActionIcon
                              variant="subtle"
                              aria-label={`View model ${model.requested_model}`}
                              onClick={() => navigate(modelLink(model.requested_model))}
                            >
                              <IconEye size={16} />
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Edit model ${model.requested_model}`}
                              onClick={() => setEditing(model)}
                            >
                              <IconEdit size={16} />
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Delete model ${model.requested_model}`}
                              onClick={() => setDeleting(model)}
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
                total={models.data!.total}
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
        <ModelForm
          model={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => editing === 'new' && navigate(modelLink(saved.requested_model))}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete model"
        message={`Delete model "${deleting?.requested_model}" and all its provider mappings?`}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.requested_model)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </>
  );
}
