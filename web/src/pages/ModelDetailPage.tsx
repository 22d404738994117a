import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowLeft, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { fieldError } from '../api/errors';
import { keys, useAllProviders, useModel, useWrite } from '../api/hooks';
import type { Mapping, MappingInput, Model } from '../api/types';
import { ActiveBadge, ProtocolBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormAlert } from '../components/FormAlert';
import { JsonViewer } from '../components/JsonViewer';
import { ModelForm, STRATEGY_LABELS } from '../components/ModelForm';
import { PageHeader } from '../components/PageHeader';
import { RuleBuilder } from '../components/RuleBuilder';
import { RuleSummary } from '../components/RuleSummary';
import { EmptyState, QueryState } from '../components/States';
import { priceValue } from '../lib/capabilities';
import { formatCost, formatTime } from '../lib/format';
import { draftOf, ruleSetOf } from '../lib/ruleValue';

export function ModelDetailPage() {
  const [params] = useSearchParams();
  const name = params.get('model') ?? '';
  const model = useModel(name);
  const [editingModel, setEditingModel] = useState(false);
  const [editing, setEditing] = useState<Mapping | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Mapping | null>(null);
  const remove = useWrite((id: number) => api.mappings.remove(id), {
    invalidate: [keys.models(), keys.mappings],
    success: 'Mapping deleted',
    onSuccess: () => setDeleting(null),
  });

  if (!name)
    return (
      <EmptyState
        title="No model chosen"
        description={
          <Anchor component={Link} to="/models">
            Back to the models
          </Anchor>
        }
      />
    );

  return (
    <>
      <Anchor component={Link} to="/models" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Models
        </Group>
      </Anchor>
      <PageHeader
        title={name}
        description="Model detail and its provider mappings."
        actions={
          model.data && (
            <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditingModel(true)}>
              Edit model
            </Button>
          )
        }
      />
      <QueryState query={model}>
        {() => {
          const m: Model = model.data!;
          const mappings = m.providers ?? [];
          return (
            <Stack>
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <Card withBorder>
                  <Title order={5} mb="xs">
                    Basic Information
                  </Title>
                  <Stack gap={6}>
                    <Info label="Name" value={<Text ff="monospace">{m.requested_model}</Text>} />
                    <Info
                      label="Strategy"
                      value={<Badge variant="light">{STRATEGY_LABELS[m.strategy] ?? m.strategy}</Badge>}
                    />
                    <Info label="Status" value={<ActiveBadge active={m.is_active} />} />
                    <Info
                      label="Price in / out (per 1M)"
                      value={`${formatCost(m.input_price)} / ${formatCost(m.output_price)}`}
                    />
                    <Info label="Updated at" value={formatTime(m.updated_at)} />
                  </Stack>
                </Card>
                <Card withBorder>
                  <Title order={5} mb="xs">
                    Matching Rules
                  </Title>
                  <RuleSummary ruleSet={m.matching_rules} />
                </Card>
                <Card withBorder>
                  <Title order={5} mb="xs">
                    Capabilities
                  </Title>
                  {m.capabilities ? (
                    <JsonViewer label="capabilities" value={m.capabilities} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      None
                    </Text>
                  )}
                </Card>
              </SimpleGrid>
              <Card withBorder>
                <Group justify="space-between" mb="sm">
                  <Title order={5}>Provider Configuration</Title>
                  <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
                    Add provider
                  </Button>
                </Group>
                {mappings.length === 0 ? (
                  <EmptyState
                    title="No providers mapped"
                    description="Requests for this model answer 503 until a provider is added."
                  />
                ) : (
                  <Table.ScrollContainer minWidth={800}>
                    <Table striped verticalSpacing="xs">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Provider</Table.Th>
                          <Table.Th>Target Model</Table.Th>
                          <Table.Th>Priority</Table.Th>
                          <Table.Th>Weight</Table.Th>
                          <Table.Th>Price override in / out</Table.Th>
                          <Table.Th>Rules</Table.Th>
                          <Table.Th>Status</Table.Th>
                          <Table.Th>Actions</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {mappings.map((mapping) => (
                          <Table.Tr key={mapping.id}>
                            <Table.Td>
                              <Group gap="xs">
                                <Text fw={500}>{mapping.provider_name}</Text>
                                <ProtocolBadge protocol={mapping.provider_protocol} />
                              </Group>
                            </Table.Td>
                            <Table.Td ff="monospace">{mapping.target_model_name}</Table.Td>
                            <Table.Td>{mapping.priority}</Table.Td>
                            <Table.Td>{mapping.weight}</Table.Td>
                            <Table.Td>
                              {formatCost(mapping.input_price)} / {formatCost(mapping.output_price)}
                            </Table.Td>
                            <Table.Td>
                              {mapping.provider_rules?.rules?.length ? (
                                <Tooltip label={JSON.stringify(mapping.provider_rules)} multiline maw={400}>
                                  <Badge color="grape" variant="light">
                                    {mapping.provider_rules.rules.length} rule
                                    {mapping.provider_rules.rules.length === 1 ? '' : 's'}
                                  </Badge>
                                </Tooltip>
                              ) : (
                                '—'
                              )}
                            </Table.Td>
                            <Table.Td>
                              <ActiveBadge active={mapping.is_active} />
                            </Table.Td>
                            <Table.Td>
                              <Group gap={4} wrap="nowrap">
                                <ActionIcon
                                  variant="subtle"
                                  aria-label={`Edit mapping ${mapping.provider_name}`}
                                  onClick={() => setEditing(mapping)}
                                >
                                  <IconEdit size={16} />
                                </ActionIcon>
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  aria-label={`Delete mapping ${mapping.provider_name}`}
                                  onClick={() => setDeleting(mapping)}
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
                )}
              </Card>
            </Stack>
          );
        }}
      </QueryState>
      {editingModel && model.data && <ModelForm model={model.data} onClose={() => setEditingModel(false)} />}
      {editing !== null && (
        <MappingForm model={name} mapping={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete mapping"
        message={`Remove provider "${deleting?.provider_name}" from model "${name}"?`}
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

function Info({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </Group>
  );
}

const MAPPING_FIELDS = [
  'provider_id',
  'target_model_name',
  'priority',
  'weight',
  'provider_rules',
  'input_price',
  'output_price',
  'is_active',
];

function MappingForm({ model, mapping, onClose }: { model: string; mapping: Mapping | null; onClose: () => void }) {
  const providers = useAllProviders();
  const [providerId, setProviderId] = useState<string | null>(mapping ? String(mapping.provider_id) : null);
  const [target, setTarget] = useState(mapping?.target_model_name ?? '');
  const [priority, setPriority] = useState<string | number>(mapping?.priority ?? 0);
  const [weight, setWeight] = useState<string | number>(mapping?.weight ?? 1);
  const [inputPrice, setInputPrice] = useState<string | number>(mapping?.input_price ?? '');
  const [outputPrice, setOutputPrice] = useState<string | number>(mapping?.output_price ?? '');
  const [rules, setRules] = useState(draftOf(mapping?.provider_rules));
  const [active, setActive] = useState(mapping?.is_active ?? true);
  const save = useWrite(
    (input: MappingInput) => (mapping ? api.mappings.update(mapping.id, input) : api.mappings.create(input)),
    {
      invalidate: [keys.models(), keys.mappings],
      success: mapping ? 'Mapping saved' : 'Provider added',
      onSuccess: onClose,
    },
  );

  const options = (providers.data?.items ?? [])
    .filter((p) => p.is_active || String(p.id) === providerId)
    .map((p) => ({ value: String(p.id), label: `${p.name} (${p.protocol})` }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: MappingInput = {
      target_model_name: target,
      priority: typeof priority === 'number' ? priority : Number(priority || 0),
      weight: typeof weight === 'number' ? weight : Number(weight || 1),
      provider_rules: ruleSetOf(rules),
      input_price: priceValue(inputPrice),
      output_price: priceValue(outputPrice),
      is_active: active,
    };
    if (!mapping) {
      input.requested_model = model;
      if (providerId) input.provider_id = Number(providerId);
    }
    save.mutate(input);
  };
  const err = (field: string) => fieldError(save.error, field);

  return (
    <Modal
      opened
      onClose={onClose}
      title={mapping ? `Edit mapping: ${mapping.provider_name}` : 'Add provider'}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Requested Model" value={model} readOnly />
          <Select
            label="Provider"
            required
            placeholder={providers.isPending ? 'Loading…' : 'Choose an active provider'}
            data={options}
            value={providerId}
            onChange={setProviderId}
            disabled={!!mapping}
            searchable
            nothingFoundMessage="No active provider"
            error={err('provider_id')}
            data-autofocus
          />
          <TextInput
            label="Target Model Name"
            required
            placeholder="Actual model name used by this provider, e.g. gpt-4-0613"
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            error={err('target_model_name')}
          />
          <Group grow>
            <NumberInput
              label="Priority"
              description="Lower goes first"
              allowDecimal={false}
              value={priority}
              onChange={setPriority}
              error={err('priority')}
            />
            <NumberInput
              label="Weight"
              description="For the weighted strategy (≥ 1)"
              allowDecimal={false}
              min={1}
              value={weight}
              onChange={setWeight}
              error={err('weight')}
            />
          </Group>
          <Group grow>
            <NumberInput
              label="Input price override (USD / 1M)"
              min={0}
              decimalScale={4}
              value={inputPrice}
              onChange={setInputPrice}
              error={err('input_price')}
            />
            <NumberInput
              label="Output price override (USD / 1M)"
              min={0}
              decimalScale={4}
              value={outputPrice}
              onChange={setOutputPrice}
              error={err('output_price')}
            />
          </Group>
          <RuleBuilder
            label="Provider level rules"
            name="Provider rule"
            value={rules}
            onChange={setRules}
            error={err('provider_rules')}
          />
          <Switch label="Enabled" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <FormAlert error={save.error} fields={MAPPING_FIELDS} />
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
