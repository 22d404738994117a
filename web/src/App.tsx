import { Route, Routes } from 'react-router';
import { AuthGate } from './components/AuthGate';
import { Layout } from './components/Layout';
import { EmptyState } from './components/States';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { HomePage } from './pages/HomePage';
import { LogDetailPage } from './pages/LogDetailPage';
import { LogsPage } from './pages/LogsPage';
import { ModelDetailPage } from './pages/ModelDetailPage';
import { ModelsPage } from './pages/ModelsPage';
import { ProvidersPage } from './pages/ProvidersPage';

/** The routes of seed-spec section 10; the gateway answers index.html for each, so deep links work. */
export function App() {
  return (
    <AuthGate>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="providers" element={<ProvidersPage />} />
          <Route path="models" element={<ModelsPage />} />
          <Route path="models/detail" element={<ModelDetailPage />} />
          <Route path="api-keys" element={<ApiKeysPage />} />
          <Route path="logs" element={<LogsPage />} />
          <Route path="logs/detail" element={<LogDetailPage />} />
          <Route path="*" element={<EmptyState title="Page not found" description="Pick a section on the left." />} />
        </Route>
      </Routes>
    </AuthGate>
  );
}
