import { Alert } from '@mantine/core';
import { ApiError, errorMessage } from '../api/errors';

/**
 * The failure of a form's submit, unless the server named a field the form shows (that message then sits next to the
 * field instead).
 */
export function FormAlert({ error, fields }: { error: unknown; fields: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError && Object.keys(error.fieldErrors).some((field) => fields.includes(field))) return null;
  return (
    <Alert color="red" role="alert" title="Not saved">
      {errorMessage(error)}
    </Alert>
  );
}
