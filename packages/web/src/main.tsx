import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { adoptTokenFromFragment } from './auth/token-storage.js';
import './styles.css';
import './styles/controls.css';
import './styles/tracing.css';
import './styles/effect-trace.css';
import './styles/fix.css';

// Before the first render, so the token never shows up as a route.
adoptTokenFromFragment();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
