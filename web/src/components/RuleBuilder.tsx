import {
  ActionIcon,
  Button,
  Group,
  Input,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { ruleIndexOf } from '../api/errors';
import { OPERATORS, type Operator } from '../api/types';
import { CUSTOM_FIELD, PRESET_FIELDS, isPresetField, type RuleDraft, type RuleRow } from '../lib/ruleValue';

const OPERATOR_LABELS: Record<Operator, string> = {
  eq: 'eq (equals)',
  ne: 'ne (not equal)',
  gt: 'gt (>)',
  gte: 'gte (≥)',
  lt: 'lt (<)',
  lte: 'lte (≤)',
  contains: 'contains',
  not_contains: 'not_contains',
  regex: 'regex (search)',
  in: 'in (one of)',
  not_in: 'not_in (none of)',
  exists: 'exists',
};

const VALUE_HINTS: Partial<Record<Operator, string>> = {
  in: 'a, b, 3 or ["a","b"]',
  not_in: 'a, b, 3 or ["a","b"]',
  regex: 'e.g. ^gpt-4',
  contains: 'text',
  not_contains: 'text',
};

interface RuleBuilderProps {
  label: string;
  value: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  /** The server's problem with this rule set, e.g. `rules[0].value: invalid regex ...`. */
  error?: string;
  /** Prefix of the inputs' accessible names, to tell two builders apart. */
  name?: string;
}

/**
 * A rule set (seed-spec section 4): AND/OR, and rows of field, operator and value. The field is one of the presets or
 * any path typed by hand (`headers.x-team`, `body.messages[0].role`). Numeric text becomes a number and true/false a
 * boolean, as the rule engine compares types strictly.
 */
export function RuleBuilder({ label, value, onChange, error, name = 'Rule' }: RuleBuilderProps) {
  const badRow = ruleIndexOf(error);
  const setRow = (index: number, row: Partial<RuleRow>) =>
    onChange({ ...value, rows: value.rows.map((current, i) => (i === index ? { ...current, ...row } : current)) });
  const removeRow = (index: number) => onChange({ ...value, rows: value.rows.filter((_, i) => i !== index) });
  const addRow = () => onChange({ ...value, rows: [...value.rows, { field: 'model', operator: 'eq', valueText: '' }] });

  return (
    <Input.Wrapper
      label={label}
      error={error}
      description={value.rows.length === 0 ? 'No rules: every request matches.' : undefined}
    >
      <Stack gap="xs" mt={4}>
        <SegmentedControl
          aria-label={`${name} logic`}
          size="xs"
          w="fit-content"
          value={value.logic}
          onChange={(logic) => onChange({ ...value, logic: logic === 'OR' ? 'OR' : 'AND' })}
          data={[
            { value: 'AND', label: 'AND (Match All)' },
            { value: 'OR', label: 'OR (Match Any)' },
          ]}
        />
        {value.rows.map((row, index) => {
          const custom = !isPresetField(row.field);
          const n = index + 1;
          return (
            <Paper
              key={index}
              withBorder
              p="xs"
              style={index === badRow ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
              data-testid={`${name}-row-${n}`}
            >
              <Group align="flex-start" gap="xs" wrap="wrap">
                <Select
                  aria-label={`${name} ${n} field`}
                  w={230}
                  data={[
                    ...PRESET_FIELDS.map((preset) => ({ value: preset.value, label: preset.label })),
                    { value: CUSTOM_FIELD, label: 'Custom path…' },
                  ]}
                  value={custom ? CUSTOM_FIELD : row.field}
                  allowDeselect={false}
                  onChange={(field) => setRow(index, { field: field === CUSTOM_FIELD ? '' : (field ?? 'model') })}
                />
                {custom && (
                  <TextInput
                    aria-label={`${name} ${n} custom path`}
                    placeholder="headers.x-team or body.messages[0].role"
                    w={230}
                    value={row.field}
                    onChange={(event) => setRow(index, { field: event.currentTarget.value })}
                  />
                )}
                <Select
                  aria-label={`${name} ${n} operator`}
                  w={170}
                  data={OPERATORS.map((op) => ({ value: op, label: OPERATOR_LABELS[op] }))}
                  value={row.operator}
                  allowDeselect={false}
                  onChange={(operator) => setRow(index, { operator: (operator ?? 'eq') as Operator })}
                />
                {row.operator === 'exists' ? (
                  <Select
                    aria-label={`${name} ${n} value`}
                    w={180}
                    data={[
                      { value: 'true', label: 'true (is present)' },
                      { value: 'false', label: 'false (is missing)' },
                    ]}
                    value={row.valueText === 'false' ? 'false' : 'true'}
                    allowDeselect={false}
                    onChange={(valueText) => setRow(index, { valueText: valueText ?? 'true' })}
                  />
                ) : (
                  <TextInput
                    aria-label={`${name} ${n} value`}
                    placeholder={VALUE_HINTS[row.operator] ?? 'value (numbers and true/false are typed)'}
                    style={{ flex: 1, minWidth: 160 }}
                    value={row.valueText}
                    onChange={(event) => setRow(index, { valueText: event.currentTarget.value })}
                  />
                )}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => removeRow(index)}
                  aria-label={`Remove ${name.toLowerCase()} ${n}`}
                  mt={4}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Paper>
          );
        })}
        <Group>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={addRow}>
            Add rule
          </Button>
          {value.rows.length > 0 && (
            <Text size="xs" c="dimmed">
              Header names are lower case (headers.x-priority). Arrays: body.messages[0].role.
            </Text>
          )}
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
