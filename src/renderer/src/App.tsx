import { useEffect, useState } from 'react';
import type { Api } from '../../shared/domain';
import { call } from './lib/ipc';

/** A minimal shell until the Webhooks page lands: lists the APIs main knows. */
export function App() {
  const [apis, setApis] = useState<Api[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('apis.list').then(setApis, (e: Error) => setError(e.message));
  }, []);

  return (
    <main>
      <h1>Hookwarden</h1>
      {error && <p role="alert">{error}</p>}
      {apis && (
        <ul aria-label="APIs">
          {apis.map((api) => (
            <li key={api.id}>
              {api.name} ({api.versions.join(', ')})
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
