import { Button, Center, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { AUTH_REQUIRED_EVENT, api, setToken } from '../api/client';
import { errorMessage } from '../api/errors';
import { keys, useAuthStatus } from '../api/hooks';
import { ErrorState, LoadingState } from './States';

/**
 * Asks `/api/auth/status` whether admin login is on; if it is and this browser holds no valid token, the login dialog
 * opens. Any 401 from an admin call (an expired token, changed credentials) opens it again.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAuthStatus();
  const client = useQueryClient();

  useEffect(() => {
    const onRequired = () => {
      setToken(null);
      void client.invalidateQueries({ queryKey: keys.authStatus });
    };
    window.addEventListener(AUTH_REQUIRED_EVENT, onRequired);
    return () => window.removeEventListener(AUTH_REQUIRED_EVENT, onRequired);
  }, [client]);

  if (status.isPending) return <LoadingState label="Connecting to the gateway…" />;
  if (status.isError) {
    return (
      <Center p="xl">
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      </Center>
    );
  }
  if (status.data.enabled && !status.data.authenticated) {
    return (
      <LoginDialog
        onLoggedIn={async () => {
          await client.resetQueries();
        }}
      />
    );
  }
  return <>{children}</>;
}

function LoginDialog({ onLoggedIn }: { onLoggedIn: () => Promise<void> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.auth.login(username, password);
      setToken(answer.access_token);
      await onLoggedIn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title="Log in to LLM Gateway"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            Admin login is enabled on this gateway.
          </Text>
          <TextInput
            label="Username"
            required
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            data-autofocus
          />
          <PasswordInput
            label="Password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error ?? undefined}
          />
          <Button type="submit" loading={busy}>
            Log in
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
