import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { generateQuestionnaire } from '../../../bench/generate-questionnaire.ts';
import type { Definition } from '../../../forms/index.ts';
import type { SaveBody } from '../api/types.ts';
import { initI18n } from '../i18n/index.ts';
import { ReportForm } from '../report/report-form.tsx';
import '../styles.css';

declare global {
  interface Window {
    /** Milliseconds from navigation start until the first section was painted and could take input. */
    __benchReady?: number;
    __benchPhases?: Record<string, number>;
  }
}

// The page of `npm run bench`: the real report form on a generated questionnaire, saving to memory.
const params = new URLSearchParams(window.location.search);
const itemCount = Number(params.get('items') ?? 1000);
const t0 = performance.now();
window.localStorage.clear();
initI18n();
const generated = generateQuestionnaire(itemCount);
const definition = generated.definition as unknown as Definition;
if (params.get('single') === '1') {
  definition.sections = [
    { id: 'all', title: 'All', items: definition.sections.flatMap((section) => section.items) },
  ];
}
const answers = params.get('empty') === '1' ? {} : generated.answers;
// The key of the first section's last item: the bench waits for it to know the whole section is mounted.
(window as unknown as { __benchLastItem?: string }).__benchLastItem =
  definition.sections[0]?.items.at(-1)?.id;
window.__benchPhases = { generate: performance.now() - t0 };

let revision = 0;
const send = async (_body: SaveBody) => {
  revision += 1;
  return { revision, issues: [], progress: { answered: 0, required: 0, percent: 0 }, calculated: {} };
};

function Bench() {
  const [section, setSection] = useState<string | null>(null);
  useEffect(() => {
    // After React's first commit the next frame is painted; a message after it runs when input can be taken.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__benchReady = performance.now();
      };
      channel.port2.postMessage(null);
    });
  }, []);
  return (
    <ReportForm
      reportId={0}
      definition={definition}
      answers={answers}
      revision={0}
      party="FRA"
      section={section}
      onSection={setSection}
      send={send}
    />
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(<Bench />);
