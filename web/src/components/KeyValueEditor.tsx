import { ActionIcon, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';

export interface KeyValueRow {
  key: string;
  value: string;
}

export function rowsOf(record: Record<string, string> | null | undefined): KeyValueRow[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));
}

/** The rows as an object (rows without a name are left out), or null when there are none. */
export function recordOf(rows: KeyValueRow[]): Record<string, string> | null {
  const entries = rows.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value] as const);
  return entries.length === 0 ? null : Object.fromEntries(entries);
}

export function KeyValueEditor({
  label,
  rows,
  onChange,
  error,
}: {
  label: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  error?: string;
}) {
  const set = (index: number, row: Partial<KeyValueRow>) =>
    onChange(rows.map((current, i) => (i === index ? { ...current, ...row } : current)));
  return (
    <Input.Wrapper label={label} error={error}>
      <Stack gap={6} mt={4}>
        {rows.map((row, index) => (
          <Group key={index} gap="xs" wrap="nowrap">
            <TextInput
              aria-label={`${label} ${index + 1} name`}
              placeholder="Header name"
              value={row.key}
              onChange={(e) => set(index, { key: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <TextInput
              aria-label={`${label} ${index + 1} value`}
              placeholder="Value"
              value={row.value}
              onChange={(e) => set(index, { value: e.currentTarget.value })}
              style={{ flex: 2 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${label} ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          size="xs"
          variant="light"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, { key: '', value: '' }])}
        >
          Add header
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
