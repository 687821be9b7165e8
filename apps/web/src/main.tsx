import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bootAnswersSettled } from './api/boot';
import { prefetchPlanFromAddress } from './live/prefetch';
import { preloadRouteChunk } from './screens/route-chunks';

/**
 * How long the first render waits for the answers src/boot.ts asked for before this script
 * arrived. On a phone they arrive about when the script has run, and the plan's JSON is parsed
 * only when the main thread is free: rendering at once drew a header and a spinner, then everything
 * again a moment later (one render, layout and paint more, ~0.3 s of main-thread work at 4× CPU
 * slowdown before the plan showed). Drawn once, with the account and the plan, it paints in the
 * first frame. An answer later than this is shown when it comes.
 */
const FIRST_RENDER_WAIT_MS = 500;

const early = bootAnswersSettled();
const plan = prefetchPlanFromAddress(window.location.pathname);
preloadRouteChunk(window.location.pathname);

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
void Promise.race([Promise.allSettled([early, plan]), new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]).then(render);
