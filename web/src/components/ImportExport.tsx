import { Button, FileButton, Group, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ImportAnswer } from '../api/types';

interface ImportExportProps {
  /** "providers" or "models": the file name and the messages. */
  what: string;
  exportAll: () => Promise<unknown[]>;
  importAll: (items: unknown) => Promise<ImportAnswer>;
  invalidate: ReadonlyArray<readonly unknown[]>;
  exportHint?: string;
}

export function download(fileName: string, data: unknown) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One-click backup and restore of a resource (seed-spec section 14): existing names are skipped, never merged. */
export function ImportExport({ what, exportAll, importAll, invalidate, exportHint }: ImportExportProps) {
  const client = useQueryClient();
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);

  const doExport = async () => {
    setBusy('export');
    try {
      const items = await exportAll();
      download(`llm-gateway-${what}-${new Date().toISOString().slice(0, 10)}.json`, items);
      notifications.show({ color: 'green', title: 'Exported', message: `${items.length} ${what} exported` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const doImport = async (file: File | null) => {
    if (!file) return;
    setBusy('import');
    try {
      let items: unknown;
      try {
        items = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not valid JSON`);
      }
      const answer = await importAll(items);
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
      const errors = answer.errors ?? [];
      notifications.show({
        color: errors.length > 0 ? 'yellow' : 'green',
        title: 'Imported',
        message:
          `${answer.success} imported, ${answer.skipped} skipped (already there)` +
          (errors.length > 0 ? `; ${errors.join('; ')}` : ''),
        autoClose: errors.length > 0 ? false : 4000,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Import failed', message: errorMessage(error), autoClose: false });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Group gap="xs">
      <FileButton onChange={doImport} accept="application/json,.json">
        {(props) => (
          <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={busy === 'import'}>
            Import
          </Button>
        )}
      </FileButton>
      <Tooltip label={exportHint ?? `Download every ${what.replace(/s$/, '')} as JSON`} withArrow multiline maw={300}>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          onClick={doExport}
          loading={busy === 'export'}
        >
          Export
        </Button>
      </Tooltip>
    </Group>
  );
}
