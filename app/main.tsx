import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { LaunchGate } from './features/access/components/launch-gate.tsx';
import { prefetchDeferred } from './lib/deferred.ts';
import { adoptTokenFromLocation } from './lib/launch-token.ts';
import { Providers } from './providers.tsx';
import './styles.css';

// Before anything renders or calls /api: the token leaves the address bar at once.
adoptTokenFromLocation();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <LaunchGate>
        <App />
      </LaunchGate>
    </Providers>
  </StrictMode>,
);

// What the first screen does not show comes next, while the person reads it.
prefetchDeferred();
