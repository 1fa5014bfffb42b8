import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// A transition lets React render the first screen in short slices, so input and paint are never held
// behind one long task while the app starts (Lighthouse's total blocking time on phones).
startTransition(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
