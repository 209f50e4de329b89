import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { initI18n } from './i18n/index.ts';
import { App, queryClient } from './app/App.tsx';
import { startEarly } from './app/preload.ts';

// `/me`, the opened screen's code and its data start now, while the language loads and React starts.
startEarly(queryClient, window.location.pathname);

void initI18n().then(() => {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
