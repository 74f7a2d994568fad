import { memo } from 'react';
import type { LenetView } from '../../engine/models/lenet';
import { ConfusionGrid } from '../../viz/ConfusionGrid';
import { ImageCanvas } from '../../viz/ImageCanvas';
import { ProbBars } from '../../viz/ProbBars';

/**
 * LeNet's picture panels: filters, the chosen digit and its belief, feature maps, confusion matrix, the most
 * confused digits. Some forty canvases and a hundred-cell grid: LenetTrainer renders them from a deferred
 * view (useDeferredValue), so they draw in a task of their own after the curves and numbers, not in the
 * same one (together they made a 50 ms main-thread task on a 2-core machine).
 */
export const LenetPanels = memo(function LenetPanels({ view, channels, digit, onPickDigit }: { view: LenetView | null | undefined; channels: number; digit: number; onPickDigit: (index: number) => void }) {
  const c1 = view?.channels1 ?? channels;
  const c2 = view?.channels2 ?? 16;
  const { filters, conv1, conv2, confusion } = view ?? {};
  const confused = view?.confused ?? [];
  const evaluated = view?.evaluated ?? 0;
  return (
    <div className="widget-grid cnn-panel">
      <div>
        <h4>First-layer filters (5×5, blue negative, orange positive)</h4>
        <div className="map-grid">
          {filters && Array.from({ length: c1 }, (_, c) => <ImageCanvas key={c} data={filters} w={5} h={5} stride={c1} offset={c} mode="diverging" scale={9} label={`filter ${c + 1}`} />)}
        </div>
        <h4>Test digit #{digit} and the network's belief</h4>
        <div className="map-grid">
          {view?.chosenImage ? <ImageCanvas data={view.chosenImage} w={28} h={28} scale={3} label={`test digit ${digit}, a ${String(view.chosenLabel)}`} /> : null}
          {view?.chosenProbs ? <ProbBars probs={view.chosenProbs} label={view.chosenLabel} /> : null}
        </div>
      </div>
      <div>
        <h4>Feature maps, layer 1 (28×28) and layer 2 (10×10)</h4>
        <div className="map-grid" data-maps="conv1">
          {conv1 && Array.from({ length: c1 }, (_, c) => <ImageCanvas key={c} data={conv1} w={28} h={28} stride={c1} offset={c} scale={2} label={`layer 1 map ${c + 1}`} />)}
        </div>
        <div className="map-grid" data-maps="conv2">
          {conv2 && Array.from({ length: c2 }, (_, c) => <ImageCanvas key={c} data={conv2} w={10} h={10} stride={c2} offset={c} scale={3} label={`layer 2 map ${c + 1}`} />)}
        </div>
      </div>
      <div>
        <h4>Confusion matrix ({evaluated} of 2000 test digits so far)</h4>
        {confusion && <ConfusionGrid counts={confusion} />}
      </div>
      <div>
        <h4>Most confidently wrong test digits</h4>
        <div className="map-grid">
          {confused.map((d) => (
            <figure key={d.index}>
              <button className="plain" onClick={() => onPickDigit(d.index)} title="Show this digit's feature maps">
                <ImageCanvas data={d.image} w={28} h={28} scale={2} label={`test digit ${d.index}: a ${d.label} read as ${d.predicted}`} />
              </button>
              <figcaption>{d.label}→{d.predicted} {(d.confidence * 100).toFixed(0)}%</figcaption>
            </figure>
          ))}
          {!confused.length && <p className="legend">None yet: press Play.</p>}
        </div>
      </div>
    </div>
  );
});
