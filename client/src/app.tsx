import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/api-error.ts';
import { api } from './api/client.ts';
import type { Me } from './api/types.ts';
import { navigate, useRoute } from './app/router.ts';
import { SessionContext } from './app/session.tsx';
import { chooseLanguage, hasChosenLanguage, languages } from './i18n/index.ts';
import { MyReportsPage } from './pages/my-reports-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';

/** The application: a header with the language switch, and the page of the address. */
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
    else if (me === null && route.name !== 'sign-in') {
      const here = window.location.pathname + window.location.search;
      navigate(`/sign-in${here === '/' ? '' : `?next=${encodeURIComponent(here)}`}`, true);
    }
  }, [checked, me, route.name]);

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
  else if (!checked || me === null) page = null;
  else if (route.name === 'reports') page = <MyReportsPage />;
  else if (route.name === 'report')
    page = <ReportPage key={route.id} id={route.id} section={route.section} />;
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
        <div className="header-tools">
          <label className="language">
            <span>{t('app.language')}</span>
            <select value={i18n.language} onChange={(event) => chooseLanguage(event.target.value)}>
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
