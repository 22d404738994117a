import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { RuleSet } from '../api/types';

/** A rule set as readable lines: `model eq "gpt-4"`, joined by its logic. */
export function RuleSummary({ ruleSet }: { ruleSet: RuleSet | null | undefined }) {
  if (!ruleSet || !Array.isArray(ruleSet.rules) || ruleSet.rules.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No rules: every request matches.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge variant="light" color="grape">
          {String(ruleSet.logic ?? 'AND').toUpperCase() === 'OR' ? 'OR (Match Any)' : 'AND (Match All)'}
        </Badge>
      </Group>
      {ruleSet.rules.map((rule, index) => (
        <Code key={index}>
          {rule.field} {rule.operator ?? 'eq'} {JSON.stringify(rule.value)}
        </Code>
      ))}
    </Stack>
  );
}
