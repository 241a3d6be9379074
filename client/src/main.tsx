import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app.tsx';
import { initI18n } from './i18n/index.ts';
import './styles.css';

// The page's CSP forbids eval: without this, zod probes `new Function` once and logs a CSP violation.
z.config({ jitless: true });
initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
