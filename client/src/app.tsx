import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AcceptInvitationPage } from './account/accept-invitation-page.tsx';
import { ResetPasswordPage } from './account/reset-password-page.tsx';
import { AnalysisArea } from './analysis/analysis-area.tsx';
import { ApiError } from './api/api-error.ts';
import { api } from './api/client.ts';
import type { Me } from './api/types.ts';
import { isPublicRoute, navigate, useRoute } from './app/router.ts';
import { SessionContext } from './app/session.tsx';
import { DesignerArea } from './designer/designer-area.tsx';
import { DeskArea } from './desk/desk-area.tsx';
import { chooseLanguage, hasChosenLanguage, languages } from './i18n/index.ts';
import { MyReportsPage } from './pages/my-reports-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { PortalArea } from './portal/portal-area.tsx';

/** The links of the header, each shown to the roles whose work it is (server/auth/policy.ts decides). */
const sections = [
  { key: 'reports', path: '/', shownTo: (_roles: string[]) => true },
  { key: 'designer', path: '/designer', shownTo: (roles: string[]) => roles.some(isSecretariat) },
  {
    key: 'cycles',
    path: '/cycles',
    shownTo: (roles: string[]) =>
      roles.some((role) => role === 'admin' || role === 'analyst' || isSecretariat(role)),
  },
  {
    key: 'analysis',
    path: '/analysis',
    shownTo: (roles: string[]) => roles.some((role) => role === 'analyst' || isSecretariat(role)),
  },
  { key: 'portal', path: '/portal', shownTo: (_roles: string[]) => true },
] as const;

function isSecretariat(role: string): boolean {
  return role.startsWith('secretariat:');
}

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    api
      .me()
      .then((found) => {
        setMe(found);
        if (!hasChosenLanguage()) chooseLanguage(found.language, false);
      })
      .catch(() => setMe(null))
      .finally(() => setChecked(true));
  }, []);

  useEffect(() => {
    if (!checked) return;
    if (me !== null && route.name === 'sign-in') navigate('/', true);
    else if (me === null && !isPublicRoute(route)) {
      const here = window.location.pathname + window.location.search;
      navigate(`/sign-in${here === '/' ? '' : `?next=${encodeURIComponent(here)}`}`, true);
    }
  }, [checked, me, route]);

  useEffect(() => {
    document.title = t('app.title');
  });

  const signOut = async () => {
    try {
      await api.logout();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    setMe(null);
    navigate('/sign-in');
  };

  let page: React.ReactNode = null;
  if (route.name === 'sign-in') page = <SignInPage next={route.next} />;
  else if (route.name === 'portal') page = <PortalArea path={route.path} query={route.query} />;
  else if (route.name === 'reset-password') page = <ResetPasswordPage />;
  else if (route.name === 'accept-invitation') page = <AcceptInvitationPage />;
  else if (!checked || me === null) page = null;
  else if (route.name === 'reports') page = <MyReportsPage />;
  else if (route.name === 'report')
    page = <ReportPage key={route.id} id={route.id} section={route.section} />;
  else if (route.name === 'designer') page = <DesignerArea path={route.path} query={route.query} />;
  else if (route.name === 'desk') page = <DeskArea path={route.path} query={route.query} />;
  else if (route.name === 'analysis') page = <AnalysisArea path={route.path} query={route.query} />;
  else
    page = (
      <main id="content" className="page" tabIndex={-1}>
        <h1>{t('app.notFound')}</h1>
        <a href="/">{t('app.home')}</a>
      </main>
    );

  return (
    <SessionContext.Provider value={{ me, setMe }}>
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <a
          className="brand"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          ORS
        </a>
        <span className="brand-title">{t('app.title')}</span>
        <nav className="app-nav" aria-label={t('nav.main')}>
          {sections
            .filter(
              (section) => section.shownTo(me?.roles ?? []) && (me !== null || section.key === 'portal'),
            )
            .map((section) => (
              <a
                key={section.key}
                href={section.path}
                aria-current={currentSection(route.name) === section.key ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(section.path);
                }}
              >
                {t(`nav.${section.key}`)}
              </a>
            ))}
        </nav>
        <div className="header-tools">
          <label className="language">
            <span>{t('app.language')}</span>
            <select
              aria-label={t('app.language')}
              value={i18n.language}
              onChange={(event) => chooseLanguage(event.target.value)}
            >
              {languages.map((language) => (
                <option key={language} value={language} lang={language}>
                  {t(`language.${language}`)}
                </option>
              ))}
            </select>
          </label>
          {me && (
            <>
              <span className="who">{t('app.signedInAs', { name: me.name || me.email })}</span>
              <button type="button" className="secondary" onClick={() => void signOut()}>
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {page}
    </SessionContext.Provider>
  );
}

function currentSection(route: string): string {
  if (route === 'desk') return 'cycles';
  if (route === 'report') return 'reports';
  return route;
}
