import { Button, Group, Modal, NumberInput, Select, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { fieldError } from '../api/errors';
import { keys, useWrite } from '../api/hooks';
import { STRATEGIES, type Model, type ModelInput } from '../api/types';
import { capabilitiesProblem, capabilitiesText, capabilitiesValue, priceValue } from '../lib/capabilities';
import { draftOf, ruleSetOf } from '../lib/ruleValue';
import { FormAlert } from './FormAlert';
import { RuleBuilder } from './RuleBuilder';

export const STRATEGY_LABELS: Record<string, string> = {
  round_robin: 'Round robin',
  weighted: 'Weighted (smooth, by weight)',
  priority: 'Priority (failover only)',
  least_latency: 'Least latency',
  cost_first: 'Cost first (cheapest price)',
};

const FIELDS = [
  'requested_model',
  'strategy',
  'matching_rules',
  'capabilities',
  'input_price',
  'output_price',
  'is_active',
];

/** Create or edit a model (seed-spec section 10): the name is fixed once created. */
export function ModelForm({
  model,
  onClose,
  onSaved,
}: {
  model: Model | null;
  onClose: () => void;
  onSaved?: (model: Model) => void;
}) {
  const [name, setName] = useState(model?.requested_model ?? '');
  const [strategy, setStrategy] = useState(model?.strategy ?? 'round_robin');
  const [rules, setRules] = useState(draftOf(model?.matching_rules));
  const [capabilities, setCapabilities] = useState(capabilitiesText(model?.capabilities));
  const [inputPrice, setInputPrice] = useState<string | number>(model?.input_price ?? '');
  const [outputPrice, setOutputPrice] = useState<string | number>(model?.output_price ?? '');
  const [active, setActive] = useState(model?.is_active ?? true);
  const save = useWrite(
    (input: ModelInput) => (model ? api.models.update(model.requested_model, input) : api.models.create(input)),
    {
      invalidate: [keys.models()],
      success: model ? 'Model saved' : 'Model created',
      onSuccess: (saved) => {
        onSaved?.(saved);
        onClose();
      },
    },
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ModelInput = {
      strategy,
      matching_rules: ruleSetOf(rules),
      capabilities: capabilitiesValue(capabilities),
      input_price: priceValue(inputPrice),
      output_price: priceValue(outputPrice),
      is_active: active,
    };
    if (!model) input.requested_model = name;
    save.mutate(input);
  };
  const err = (field: string) => fieldError(save.error, field);
  const strategies = STRATEGIES.includes(strategy as (typeof STRATEGIES)[number])
    ? [...STRATEGIES]
    : [...STRATEGIES, strategy];

  return (
    <Modal opened onClose={onClose} title={model ? `Edit model ${model.requested_model}` : 'New model'} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Requested model name"
            description="The name clients send in the model field."
            placeholder="e.g.: gpt-4, claude-3-opus"
            required={!model}
            readOnly={!!model}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={err('requested_model')}
            data-autofocus
          />
          <Select
            label="Strategy"
            description="How a provider is chosen among the candidates the rules let through; failover follows priority."
            data={strategies.map((value) => ({ value, label: STRATEGY_LABELS[value] ?? value }))}
            value={strategy}
            allowDeselect={false}
            onChange={(value) => setStrategy(value ?? 'round_robin')}
            error={err('strategy')}
          />
          <RuleBuilder
            label="Matching rules"
            name="Model rule"
            value={rules}
            onChange={setRules}
            error={err('matching_rules')}
          />
          <Textarea
            label="Capabilities (JSON)"
            placeholder='{"streaming": true, "function_calling": true}'
            autosize
            minRows={2}
            maxRows={8}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={capabilities}
            onChange={(e) => setCapabilities(e.currentTarget.value)}
            description={capabilitiesProblem(capabilities) ?? 'Optional, free-form JSON object.'}
            error={err('capabilities')}
          />
          <Group grow>
            <NumberInput
              label="Input price (USD / 1M tokens)"
              min={0}
              decimalScale={4}
              value={inputPrice}
              onChange={setInputPrice}
              error={err('input_price')}
            />
            <NumberInput
              label="Output price (USD / 1M tokens)"
              min={0}
              decimalScale={4}
              value={outputPrice}
              onChange={setOutputPrice}
              error={err('output_price')}
            />
          </Group>
          <Switch label="Enabled" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
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
