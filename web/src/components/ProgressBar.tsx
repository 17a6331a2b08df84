// Thin bar at the top of the page while API calls are in flight (shown after a short delay).
import { useEffect, useState } from 'react';
import { subscribeInFlight } from '../api/client';

export function ProgressBar() {
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsub = subscribeInFlight((n) => {
      if (n > 0 && !timer) timer = setTimeout(() => setBusy(true), 150);
      if (n === 0) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        setBusy(false);
      }
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return <div className={`hq-progress${busy ? ' hq-progress--on' : ''}`} role="progressbar" aria-busy={busy} aria-hidden={!busy} />;
}
