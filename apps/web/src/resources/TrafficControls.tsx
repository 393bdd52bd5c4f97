// The traffic generator: on or off, requests per second, and the signed-in users it mixes
// in (evenly with anonymous requests).
import { useEffect, useState } from 'react';
import { get, put } from '../api/client.js';
import type { TrafficSettings, TrafficState } from '@rudder/shared/protocol';
import { useFetch } from '../api/use-fetch.js';
import { Card, Toggle } from '../ui/controls.js';
import { Async } from '../ui/states.js';

export function TrafficControls() {
  const traffic = useFetch((s) => get<TrafficState>('/rudder/v1/sandbox/traffic', {}, s), [], 3000);
  const [rate, setRate] = useState('');
  const [users, setUsers] = useState('');
  const [error, setError] = useState<string>();
  const loaded = traffic.data !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form once, when the settings first arrive
  useEffect(() => {
    if (!traffic.data) return;
    setRate(String(traffic.data.rate));
    setUsers(traffic.data.users.join(', '));
  }, [loaded]);
  const save = async (change: Partial<TrafficSettings>) => {
    setError(undefined);
    try {
      await put('/rudder/v1/sandbox/traffic', change);
      traffic.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Card title="Traffic generator" className="traffic-card">
      <Async {...traffic}>
        {(t) => (
          <form
            className="traffic-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save({ rate: Number(rate), users: users.split(',').map((u) => u.trim()).filter(Boolean) });
            }}
          >
            <Toggle label={t.enabled ? 'Sending requests to productpage' : 'Stopped'} checked={t.enabled} onChange={(enabled) => void save({ enabled })} />
            <label className="field">
              Requests per second
              <input type="number" min="0" max="100" step="0.5" value={rate} onChange={(e) => setRate(e.target.value)} />
            </label>
            <label className="field">
              Signed-in users (comma-separated)
              <input type="text" value={users} onChange={(e) => setUsers(e.target.value)} />
            </label>
            <button type="submit" className="btn">
              Save
            </button>
            {t.sent !== undefined ? (
              <p className="muted">
                {t.sent} sent, {t.failed ?? 0} failed (5xx or no answer)
              </p>
            ) : null}
            {error ? <p className="error-text">{error}</p> : null}
          </form>
        )}
      </Async>
    </Card>
  );
}
