import { memo } from 'react';
import { PIN_DASHES, type ShownPin } from '../../viz/chartPins';
import { unpin } from './pins';

/** The legend of a widget's pinned runs: each one's dash, the settings by which it differs from now, and a remove button. */
export const PinList = memo(function PinList({ widgetId, pins }: { widgetId: string; pins: readonly ShownPin[] }) {
  if (!pins.length) return null;
  return (
    <ul className="pin-list" aria-label="Pinned runs">
      {pins.map((p, slot) => (
        <li key={p.id} data-pin={p.id}>
          <svg className="pin-swatch" width="24" height="6" aria-hidden="true">
            <line x1="0" x2="24" y1="3" y2="3" strokeDasharray={PIN_DASHES[slot % PIN_DASHES.length]} />
          </svg>
          <span>pinned: {p.label}</span>
          <button data-action="unpin" onClick={() => unpin(widgetId, p.id)} aria-label={`Remove pinned run (${p.label})`} title="Remove">×</button>
        </li>
      ))}
    </ul>
  );
});
