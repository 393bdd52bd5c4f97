// Traffic shifting: a slider and a number per subset, always summing to 100, with a lock
// per row so a weight stays put while the others move.
import { useState } from 'react';
import { FieldError } from '../fields.js';
import { buildShifting, setWeight, shiftingFromLive } from '../traffic-shifting.js';
import { type FormProps, useBuilt } from './form.js';
import { Table } from '../../ui/table.js';

export function ShiftingForm({ ctx, onBuilt, extra }: FormProps) {
  const [rows, setRows] = useState(() => shiftingFromLive(ctx));
  const { problems } = useBuilt(ctx, rows, buildShifting, onBuilt, extra);
  const sum = rows.reduce((a, r) => a + (Number(r.weight) || 0), 0);
  const toggleLock = (i: number) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, locked: !r.locked } : r)));
  return (
    <div className="wz-weights">
      <Table columns={['Subset', 'Weight', '%', 'Lock']}>
        {rows.map((r, i) => {
          const invalid = problems.some((p) => p.field === `weight-${r.subset}`);
          return (
            <tr key={r.subset}>
              <td className="mono">{r.subset}</td>
              <td className="wz-slider">
                <input
                  type="range"
                  min={0}
                  max={100}
                  value={Number(r.weight) || 0}
                  disabled={r.locked}
                  aria-label={`Weight of ${r.subset} (slider)`}
                  onChange={(e) => setRows((rs) => setWeight(rs, i, e.target.value))}
                />
              </td>
              <td>
                <input
                  type="number"
                  min={0}
                  max={100}
                  value={r.weight}
                  disabled={r.locked}
                  aria-label={`Weight of ${r.subset}`}
                  aria-invalid={invalid}
                  className={invalid ? 'invalid' : undefined}
                  style={{ width: '5.5em' }}
                  onChange={(e) => setRows((rs) => setWeight(rs, i, e.target.value))}
                />
                <FieldError field={`weight-${r.subset}`} problems={problems} />
              </td>
              <td>
                <label className="wz-check">
                  <input type="checkbox" checked={r.locked} onChange={() => toggleLock(i)} aria-label={`Lock ${r.subset}`} />
                  {r.locked ? 'Locked' : 'Lock'}
                </label>
              </td>
            </tr>
          );
        })}
      </Table>
      <p className={sum === 100 ? 'muted' : 'error-text'}>Total: {sum} %</p>
      <FieldError field="weights" problems={problems} />
    </div>
  );
}
