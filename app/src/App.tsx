import { lazy, Suspense, useEffect } from 'react';
import { Link, useLocation } from './router';
import { Icon } from './components/Icons';
import { UpdatePrompt } from './components/UpdatePrompt';
import { Toasts } from './state/toasts';
import { useSetting } from './state/settings';
import { TodayPage } from './pages/TodayPage';

const HistoryPage = lazy(() => import('./pages/HistoryPage').then((m) => ({ default: m.HistoryPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));

const TABS = [
  { path: '/today', label: 'Today', icon: 'today' },
  { path: '/history', label: 'History', icon: 'history' },
  { path: '/settings', label: 'Settings', icon: 'settings' },
] as const;

function useTheme() {
  const theme = useSetting('theme');
  useEffect(() => {
    const root = document.documentElement;
    if (!theme || theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  }, [theme]);
}

export function App() {
  useTheme();
  const { path } = useLocation();
  const current = path === '/' ? '/today' : path;
  const tab = TABS.find((t) => current.startsWith(t.path));

  useEffect(() => {
    document.title = `${tab?.label ?? 'Aurea'} · Aurea`;
  }, [tab]);

  let page;
  if (current.startsWith('/history')) page = <HistoryPage />;
  else if (current.startsWith('/settings')) page = <SettingsPage />;
  else if (current.startsWith('/today')) page = <TodayPage />;
  else page = <NotFound />;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/today" className="brand" aria-label="Aurea, go to Today">
          <img src="/icons/icon-192.png" alt="" width={28} height={28} />
          <span>Aurea</span>
        </Link>
        <span className="spacer" />
      </header>
      <nav className="tabs" aria-label="Main">
        {TABS.map((t) => (
          <Link key={t.path} to={t.path} aria-current={current.startsWith(t.path) ? 'page' : undefined}>
            <Icon name={t.icon} />
            <span>{t.label}</span>
          </Link>
        ))}
      </nav>
      <div style={{ minWidth: 0 }}>
        <UpdatePrompt />
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">Loading…</p>}>{page}</Suspense>
        </main>
      </div>
      <Toasts />
    </div>
  );
}

function NotFound() {
  return (
    <div className="card">
      <h1>Page not found</h1>
      <p>
        <Link to="/today">Go to Today</Link>
      </p>
    </div>
  );
}
