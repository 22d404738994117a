import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Stats } from '../api/types';
import { renderWithMantine } from '../test/render';
import { StatsView, statsQuery } from './HomePage';

const STATS: Stats = {
  bucket: 'hour',
  summary: {
    request_count: 40,
    success_count: 38,
    error_count: 2,
    input_tokens: 1200,
    output_tokens: 300,
    total_cost: 0.0123,
    unpriced_count: 3,
    p50_total_time_ms: 420,
    p95_total_time_ms: 1800,
  },
  trend: [
    {
      bucket: '2026-01-16T13:00:00+08:00',
      request_count: 30,
      error_count: 1,
      input_tokens: 900,
      output_tokens: 200,
      cost: 0.01,
    },
    { bucket: '2026-01-16T14:00:00+08:00', request_count: 10, error_count: 1 },
  ],
  by_model: [
    { requested_model: 'small', request_count: 5 },
    { requested_model: 'big', request_count: 35, error_count: 2, total_tokens: 1400, total_cost: 0.012 },
  ],
  by_provider: [{ provider_id: 1, provider_name: 'openai', request_count: 40 }],
  by_api_key: [],
};

function renderStats(stats: Stats) {
  return renderWithMantine(
    <MemoryRouter>
      <StatsView stats={stats} bucket="hour" />
    </MemoryRouter>,
  );
}

describe('StatsView', () => {
  it('shows the summary cards from the statistics endpoint', () => {
    renderStats(STATS);
    expect(screen.getByTestId('stat-Requests')).toHaveTextContent('40');
    expect(screen.getByTestId('stat-Error rate')).toHaveTextContent('5.0%');
    expect(screen.getByTestId('stat-p50 latency')).toHaveTextContent('420 ms');
    expect(screen.getByTestId('stat-p95 latency')).toHaveTextContent('1.80 s');
    expect(screen.getByTestId('stat-Tokens')).toHaveTextContent('1,500');
    expect(screen.getByTestId('stat-Cost')).toHaveTextContent('$0.0123');
    expect(screen.getByText('3 unpriced requests not counted')).toBeInTheDocument();
  });

  it('lists the top models busiest first, each linking to its logs', () => {
    renderStats(STATS);
    const links = screen.getAllByRole('link').map((link) => link.getAttribute('href'));
    expect(links.indexOf('/logs?requested_model=big')).toBeLessThan(links.indexOf('/logs?requested_model=small'));
    expect(links).toContain('/logs?provider_id=1');
  });

  it('copes with a sparse answer (missing fields and lists)', () => {
    renderStats({ summary: { request_count: 1 }, trend: undefined, by_model: undefined } as unknown as Stats);
    expect(screen.getByTestId('stat-Requests')).toHaveTextContent('1');
    expect(screen.getByTestId('stat-p50 latency')).toHaveTextContent('—');
    expect(screen.getAllByText('No data')).toHaveLength(3);
  });

  it('says so when the range has no traffic', () => {
    renderStats({ summary: { request_count: 0 }, trend: [], by_model: [], by_provider: [], by_api_key: [] });
    expect(screen.getByText('No requests in this range')).toBeInTheDocument();
  });
});

describe('statsQuery', () => {
  it('asks for the range ending now, in the browser offset, with the range bucket', () => {
    const now = new Date(2026, 0, 16, 12, 0, 0);
    const query = statsQuery('7d', now);
    expect(new Date(query.end_time).getTime()).toBe(now.getTime());
    expect(now.getTime() - new Date(query.start_time).getTime()).toBe(7 * 86_400_000);
    expect(query.bucket).toBe('day');
    expect(query.tz_offset_minutes).toBe(-now.getTimezoneOffset());
    expect(statsQuery('24h', now).bucket).toBe('hour');
  });
});
