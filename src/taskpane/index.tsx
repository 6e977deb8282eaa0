import { createRoot } from 'react-dom/client';
import { App } from './App';

/** Renders the task pane once Office.js is ready (or at once outside Office, e.g. in a plain browser tab). */
function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const language = typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined;
  createRoot(root).render(<App language={language ?? navigator.language} />);
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => start());
} else {
  start();
}
