import { NavLink, Navigate, Route, Routes, useParams } from 'react-router';
import { CONSOLE_PAGES } from '../../src/api/console-pages';
import { ErrorNotice } from './components/error-notice';
import { BoardPage } from './pages/board';
import { DealPage } from './pages/deal';
import { DealsPage } from './pages/deals';
import { FinancePage } from './pages/finance';
import { MyWorkPage } from './pages/my-work';
import { NotFoundPage } from './pages/not-found';
import { PlaybookPage } from './pages/playbook';
import { ProgramPage } from './pages/program';
import { RegisterDealPage } from './pages/register-deal';
import { SignInPage } from './pages/sign-in';
import { useMe, useSignOut, type Principal } from './session';

const NAV: { to: string; label: string }[] = [
  { to: CONSOLE_PAGES.myWork, label: 'My work' },
  { to: CONSOLE_PAGES.deals, label: 'Deals' },
  { to: CONSOLE_PAGES.registerDeal, label: 'Register a deal' },
  { to: CONSOLE_PAGES.board, label: 'Board' },
  { to: CONSOLE_PAGES.finance, label: 'Finance' },
  { to: CONSOLE_PAGES.playbook, label: 'Playbook' },
  { to: CONSOLE_PAGES.program, label: 'Program' },
];

/** `/deals/{dealId}` (the API's own path for a deal) opens the deal's page for the caller's partner. */
function DealOfMyPartner({ me }: { me: Principal }) {
  const { dealId = '' } = useParams();
  return <Navigate replace to={`/deals/${encodeURIComponent(me.partnerId)}/${encodeURIComponent(dealId)}`} />;
}

function Header({ me }: { me: Principal }) {
  const signOut = useSignOut();
  return (
    <header className="top">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <div className="brand">Baton</div>
      <nav aria-label="Console">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="who">
        <span>
          {me.person.name} <span className="muted">({me.roles.join(', ')}, {me.partnerId})</span>
        </span>
        <button type="button" className="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
      </div>
    </header>
  );
}

export function App() {
  const { me, error } = useMe();
  if (error) {
    return (
      <main id="main" className="page">
        <ErrorNotice error={error} />
      </main>
    );
  }
  if (me === undefined) return <p className="page" role="status">Loading…</p>;
  if (me === null) return <SignInPage />;
  return (
    <>
      <Header me={me} />
      <main id="main" className="page" tabIndex={-1}>
        <Routes>
          <Route path={CONSOLE_PAGES.myWork} element={<MyWorkPage me={me} />} />
          <Route path={CONSOLE_PAGES.signIn} element={<Navigate replace to={CONSOLE_PAGES.myWork} />} />
          <Route path={CONSOLE_PAGES.deals} element={<DealsPage me={me} />} />
          <Route path={CONSOLE_PAGES.registerDeal} element={<RegisterDealPage me={me} />} />
          <Route path="/deals/:dealId" element={<DealOfMyPartner me={me} />} />
          <Route path={CONSOLE_PAGES.deal} element={<DealPage me={me} />} />
          <Route path={CONSOLE_PAGES.board} element={<BoardPage me={me} />} />
          <Route path={CONSOLE_PAGES.finance} element={<FinancePage me={me} />} />
          <Route path={CONSOLE_PAGES.playbook} element={<PlaybookPage />} />
          <Route path={CONSOLE_PAGES.program} element={<ProgramPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
    </>
  );
}
