import './zod-config';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiFailure } from './api/client';
import { App } from './app';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    // A refusal (4xx) is an answer, not a hiccup: only failures of the server are retried.
    queries: { retry: (count, error) => count < 2 && !(error instanceof ApiFailure && error.status < 500), staleTime: 5_000 },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
