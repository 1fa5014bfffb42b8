import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useLocation } from './router';
import { Icon } from './components/Icons';
import { UpdatePrompt } from './components/UpdatePrompt';
import { Toasts } from './state/toasts';
import { useSetting } from './state/settings';
import { TodayPage } from './pages/TodayPage';
// Eager: it is the first page a new person sees at the start URL, so it should not wait for a chunk.
import { WelcomePage } from './pages/WelcomePage';
import { useBackgroundInsights, usePersonalFindings } from './state/insights';
import { SyncStatusPill } from '../sync/SyncStatusPill';
import { DemoBanner } from './components/DemoBanner';
import { Nudges } from './components/Nudges';
import { navigate } from './router';
import { appDb } from '../db/db';

const HistoryPage = lazy(() => import('./pages/HistoryPage').then((m) => ({ default: m.HistoryPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const FoodsPage = lazy(() => import('./pages/FoodsPage').then((m) => ({ default: m.FoodsPage })));
const ReportPage = lazy(() => import('./pages/ReportPage').then((m) => ({ default: m.ReportPage })));
const ChallengePage = lazy(() => import('./pages/ChallengePage').then((m) => ({ default: m.ChallengePage })));
const InsightsPage = lazy(() => import('./pages/InsightsPage').then((m) => ({ default: m.InsightsPage })));
const PredictPage = lazy(() => import('./pages/PredictPage').then((m) => ({ default: m.PredictPage })));
// The model's background retraining: its module (and everything it imports) loads after first paint.
const BackgroundModel = lazy(() => import('./state/model').then((m) => ({ default: m.BackgroundModel })));

const TABS = [
  { path: '/today', label: 'Today', icon: 'today' },
  { path: '/history', label: 'History', icon: 'history' },
  { path: '/insights', label: 'Insights', icon: 'insights' },
  { path: '/predict', label: 'Predict', icon: 'predict' },
  { path: '/foods', label: 'Foods', icon: 'foods' },
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
  useBackgroundInsights();
  const { path } = useLocation();
  const current = path === '/' ? '/today' : path;
  const tab = TABS.find((t) => current.startsWith(t.path));

  useEffect(() => {
    document.title = `${tab?.label ?? (current === '/welcome' ? 'Welcome' : 'Aurea')} · Aurea`;
  }, [tab, current]);
  const firstRunChecked = useFirstRun(path);

  let page;
  // At the start URL the page waits for the first-run check (a few ms), so a new person never sees
  // Today flash before the welcome steps.
  if (!firstRunChecked) page = null;
  else if (current.startsWith('/history')) page = <HistoryPage />;
  else if (current === '/welcome') page = <WelcomePage />;
  else if (current.startsWith('/challenge')) page = <ChallengePage />;
  else if (current.startsWith('/report')) page = <ReportPage />;
  else if (current.startsWith('/settings')) page = <SettingsPage />;
  else if (current.startsWith('/foods')) page = <FoodsRoute />;
  else if (current.startsWith('/insights')) page = <InsightsPage />;
  else if (current.startsWith('/predict')) page = <PredictPage />;
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
        <SyncStatusPill />
      </header>
      <nav className="tabs" aria-label="Main">
        {TABS.map((t) => (
          <Link key={t.path} to={t.path} aria-current={current.startsWith(t.path) ? 'page' : undefined}>
            <Icon name={t.icon} />
            <span>{t.label}</span>
          </Link>
        ))}
      </nav>
      <div className="content">
        <div className="notices">
          <UpdatePrompt />
          <DemoBanner />
          <Nudges />
        </div>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<p className="muted">Loading…</p>}>{page}</Suspense>
        </main>
      </div>
      <Toasts />
      <Suspense fallback={null}>
        <BackgroundModel />
      </Suspense>
    </div>
  );
}

/** The Foods page with "linked to your symptoms" filled in from the person's own insights. */
function FoodsRoute() {
  const findings = usePersonalFindings();
  return <FoodsPage personalFor={(name) => (findings === null ? null : findings(name))} />;
}

/** Opening the app at its start URL for the first time (no logs, never set up) shows the welcome steps. */
function useFirstRun(path: string): boolean {
  const [checked, setChecked] = useState(path !== '/');
  useEffect(() => {
    if (path !== '/') return;
    let alive = true;
    void (async () => {
      const db = appDb();
      const [onboarded, count] = await Promise.all([db.settings.get('onboarded'), db.logs.count()]).catch(() => [undefined, 1] as const);
      if (!alive) return;
      if (!onboarded?.value && count === 0) navigate('/welcome', { replace: true });
      setChecked(true);
    })();
    return () => {
      alive = false;
    };
  }, [path]);
  return checked || path !== '/';
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
