import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProviderHealthItem } from '../api/types';
import { renderWithMantine } from '../test/render';
import { HealthBadge, unhealthyModels } from './Badges';

const HEALTHY: ProviderHealthItem = { provider_id: 1, state: 'closed', error_ratio: 0 };

describe('HealthBadge', () => {
  it('shows the provider state alone when its models are fine', () => {
    renderWithMantine(
      <HealthBadge
        health={{
          ...HEALTHY,
          mappings: [{ mapping_id: 7, requested_model: 'gpt-4o', state: 'closed', error_ratio: 0.1 }],
        }}
      />,
    );
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.queryByTestId('model-circuits')).not.toBeInTheDocument();
  });

  it('says so when a model is cut off while the provider looks healthy', () => {
    renderWithMantine(
      <HealthBadge
        health={{
          ...HEALTHY,
          mappings: [
            { mapping_id: 7, requested_model: 'gpt-4o', state: 'rate_limited', open_until: '2026-11-29T16:12:02Z' },
            { mapping_id: 8, requested_model: 'gpt-4o-mini', state: 'open' },
          ],
        }}
      />,
    );
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByTestId('model-circuits')).toHaveTextContent('2 models Rate limited');
  });
});

describe('unhealthyModels', () => {
  it('keeps the models whose circuit is not closed and not the provider’s own state', () => {
    expect(
      unhealthyModels({
        provider_id: 1,
        state: 'open',
        mappings: [
          { mapping_id: 1, state: 'open' },
          { mapping_id: 2, state: 'closed' },
          { mapping_id: 3, state: 'half_open' },
        ],
      }).map((m) => m.mapping_id),
    ).toEqual([3]);
  });
});
