import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ruleSetOf, type RuleDraft } from '../lib/ruleValue';
import { renderWithMantine } from '../test/render';
import { RuleBuilder } from './RuleBuilder';

function Harness({
  initial,
  onDraft,
  error,
}: {
  initial: RuleDraft;
  onDraft: (draft: RuleDraft) => void;
  error?: string;
}) {
  const [draft, setDraft] = useState(initial);
  return (
    <RuleBuilder
      label="Matching rules"
      value={draft}
      error={error}
      onChange={(next) => {
        setDraft(next);
        onDraft(next);
      }}
    />
  );
}

describe('RuleBuilder', () => {
  it('adds a rule, types a number, and yields a typed rule set', async () => {
    const onDraft = vi.fn();
    renderWithMantine(<Harness initial={{ logic: 'AND', rows: [] }} onDraft={onDraft} />);
    expect(screen.getByText('No rules: every request matches.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    fireEvent.change(screen.getByLabelText('Rule 1 value'), { target: { value: '0.7' } });

    const last = onDraft.mock.calls.at(-1)![0] as RuleDraft;
    expect(ruleSetOf(last)).toEqual({ logic: 'AND', rules: [{ field: 'model', operator: 'eq', value: 0.7 }] });
  });

  it('shows a free-text path for a field that is not a preset', () => {
    const onDraft = vi.fn();
    renderWithMantine(
      <Harness
        initial={{ logic: 'OR', rows: [{ field: 'body.messages[0].role', operator: 'in', valueText: 'user, system' }] }}
        onDraft={onDraft}
      />,
    );

    const path = screen.getByLabelText('Rule 1 custom path') as HTMLInputElement;
    expect(path.value).toBe('body.messages[0].role');
    fireEvent.change(path, { target: { value: 'headers.x-team' } });

    expect(ruleSetOf(onDraft.mock.calls.at(-1)![0])).toEqual({
      logic: 'OR',
      rules: [{ field: 'headers.x-team', operator: 'in', value: ['user', 'system'] }],
    });
  });

  it('offers every operator of the rule engine', async () => {
    renderWithMantine(
      <Harness
        initial={{ logic: 'AND', rows: [{ field: 'model', operator: 'eq', valueText: 'x' }] }}
        onDraft={() => undefined}
      />,
    );
    await userEvent.click(screen.getByRole('combobox', { name: 'Rule 1 operator' }));
    const options = screen.getAllByRole('option').map((option) => option.textContent?.split(' ')[0]);
    expect(options).toEqual([
      'eq',
      'ne',
      'gt',
      'gte',
      'lt',
      'lte',
      'contains',
      'not_contains',
      'regex',
      'in',
      'not_in',
      'exists',
    ]);
  });

  it("shows the server's problem and marks the rule it names", () => {
    renderWithMantine(
      <Harness
        initial={{
          logic: 'AND',
          rows: [
            { field: 'model', operator: 'eq', valueText: 'a' },
            { field: 'model', operator: 'regex', valueText: '(' },
          ],
        }}
        onDraft={() => undefined}
        error="rules[1].value: invalid regex '(': Unclosed group"
      />,
    );
    expect(screen.getByText("rules[1].value: invalid regex '(': Unclosed group")).toBeInTheDocument();
    expect(screen.getByTestId('Rule-row-2').getAttribute('style')).toContain('red');
    expect(screen.getByTestId('Rule-row-1').getAttribute('style') ?? '').not.toContain('red');
  });

  it('removes a rule', async () => {
    const onDraft = vi.fn();
    renderWithMantine(
      <Harness
        initial={{ logic: 'AND', rows: [{ field: 'model', operator: 'eq', valueText: 'a' }] }}
        onDraft={onDraft}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remove rule 1' }));
    expect(onDraft.mock.calls.at(-1)![0].rows).toEqual([]);
  });
});
