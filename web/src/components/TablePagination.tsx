import { Group, Pagination, Select, Text } from '@mantine/core';

interface TablePaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (size: number) => void;
  pageSizes?: number[];
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

/** "21–40 of 95", the page buttons, and optionally the page size; pages come from the server. */
export function TablePagination({
  page,
  pageSize,
  total,
  onPageChange,
  onPageSizeChange,
  pageSizes = [10, 20, 50, 100],
}: TablePaginationProps) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed" data-testid="page-summary">
        {total === 0 ? 'No items' : `${first}–${last} of ${total}`}
      </Text>
      <Group gap="sm">
        {onPageSizeChange && (
          <Select
            aria-label="Page size"
            size="xs"
            w={90}
            data={pageSizes.map((size) => ({ value: String(size), label: `${size} / page` }))}
            value={String(pageSize)}
            onChange={(value) => value && onPageSizeChange(Number(value))}
            allowDeselect={false}
          />
        )}
        <Pagination size="sm" total={pageCount(total, pageSize)} value={page} onChange={onPageChange} />
      </Group>
    </Group>
  );
}
