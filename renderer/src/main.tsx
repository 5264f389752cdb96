import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n';
import { App } from './App';
import { startingLanguage } from './lib/system-language';
import { useJobs } from './store/jobs';
import { useSettings } from './store/settings';
import './styles.css';

const settings = await useSettings.getState().load();
await initI18n(startingLanguage(settings));
void useJobs.getState().load();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
