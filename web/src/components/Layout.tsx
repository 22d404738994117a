import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  Stack,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconFileText,
  IconHome,
  IconKey,
  IconLogout,
  IconMoon,
  IconServer,
  IconStack2,
  IconSun,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation } from 'react-router';
import { api, getToken, setToken } from '../api/client';
import { useAuthStatus } from '../api/hooks';
import { browserTimeZone } from '../lib/format';

const LINKS = [
  { to: '/', label: 'Home', icon: IconHome },
  { to: '/providers', label: 'Providers', icon: IconServer },
  { to: '/models', label: 'Models', icon: IconStack2 },
  { to: '/api-keys', label: 'API Keys', icon: IconKey },
  { to: '/logs', label: 'Request Logs', icon: IconFileText },
];

export const CONSOLE_VERSION = '0.1.0';

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const auth = useAuthStatus();
  const client = useQueryClient();

  const logout = async () => {
    try {
      await api.auth.logout();
    } finally {
      setToken(null);
      await client.resetQueries();
    }
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={4}>LLM Gateway</Title>
          </Group>
          <Group gap="xs">
            <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Toggle color scheme"
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
              >
                {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
            {auth.data?.enabled && getToken() && (
              <Tooltip label="Log out">
                <ActionIcon variant="default" size="lg" aria-label="Log out" onClick={logout}>
                  <IconLogout size={18} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow>
          <nav aria-label="Main">
            {LINKS.map((link) => (
              <NavLink
                key={link.to}
                component={Link}
                to={link.to}
                label={link.label}
                leftSection={<link.icon size={18} />}
                active={isActive(pathname, link.to)}
                onClick={close}
              />
            ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={0} p="xs">
            <Text size="xs" c="dimmed">
              LLM Gateway v{CONSOLE_VERSION}
            </Text>
            <Text size="xs" c="dimmed">
              Times in {browserTimeZone()}
            </Text>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
