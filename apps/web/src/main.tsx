import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchPlanFromAddress } from './live/prefetch';
import { preloadRouteChunk } from './screens/route-chunks';

prefetchPlanFromAddress(window.location.pathname);
preloadRouteChunk(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
