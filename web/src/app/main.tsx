import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './global.css';
import './i18n';
import './time';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
