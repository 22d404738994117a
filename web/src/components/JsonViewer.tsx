import { Box, Code, Group, Text, UnstyledButton } from '@mantine/core';
import { Collapse } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { CopyAction } from './CopyAction';

/** Pretty JSON (or text as it is) in a collapsible, copyable block. */
export function JsonViewer({
  value,
  label,
  defaultOpen = true,
  truncated,
}: {
  value: unknown;
  label: string;
  defaultOpen?: boolean;
  truncated?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const text = toText(value);
  return (
    <Box>
      <Group justify="space-between" mb={4}>
        <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          <Group gap={4}>
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            <Text fw={500} size="sm">
              {label}
            </Text>
            {truncated && (
              <Text size="xs" c="orange">
                (truncated at the log's size limit)
              </Text>
            )}
          </Group>
        </UnstyledButton>
        <CopyAction value={text} label={`Copy ${label}`} />
      </Group>
      <Collapse expanded={open}>
        {value === null || value === undefined ? (
          <Text size="sm" c="dimmed">
            (none)
          </Text>
        ) : (
          <Code block style={{ maxHeight: 480, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {text}
          </Code>
        )}
      </Collapse>
    </Box>
  );
}

export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
