import { useEffect, useState } from 'react';
import { isAbort } from './api/http.ts';

export type Load<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

/**
 * Loads something for a page: again whenever `key` changes or `reload` is called; a load still running
 * is abandoned. While reloading, what was shown stays until the new answer arrives.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [loadedKey, setLoadedKey] = useState(key);
  if (loadedKey !== key) {
    setLoadedKey(key);
    setState({ status: 'loading' });
  }
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => setState({ status: 'ready', value }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
    // The key names everything the load depends on.
  }, [key, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
