import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../test/render';
import { TablePagination, pageCount } from './TablePagination';

describe('pageCount', () => {
  it.each([
    [0, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [95, 10, 10],
  ])('%d items by %d -> %d pages', (total, size, pages) => expect(pageCount(total, size)).toBe(pages));
});

describe('TablePagination', () => {
  it('shows the range of the page and asks the server for another page', async () => {
    const onPageChange = vi.fn();
    renderWithMantine(<TablePagination page={2} pageSize={20} total={95} onPageChange={onPageChange} />);

    expect(screen.getByTestId('page-summary')).toHaveTextContent('21–40 of 95');
    await userEvent.click(screen.getByRole('button', { name: '3' }));

    expect(onPageChange).toHaveBeenCalledWith(3);
  });

  it('says so when there is nothing', () => {
    renderWithMantine(<TablePagination page={1} pageSize={20} total={0} onPageChange={() => undefined} />);
    expect(screen.getByTestId('page-summary')).toHaveTextContent('No items');
  });
});
