import { useMemo } from 'react';
import { activationMid } from './neuronPixels';
import { NeuronMap } from './NeuronMap';
import { GRID } from './playgroundParams';

interface Props {
  features: { rows: Float32Array; names: string[] };
  hidden: number[];
  /** One [units x GRID²] map per hidden layer, from the engine's view. */
  neurons: Float32Array[] | null;
  activation: string;
  showMaps: boolean;
  onLayers(n: number): void;
  onUnits(layer: number, n: number): void;
}

/** The network as columns: each input feature's map, then every hidden neuron's activation map, with +/− buttons. */
export function NetworkColumns({ features, hidden, neurons, activation, showMaps, onLayers, onUnits }: Props) {
  const cells = GRID * GRID;
  const d = features.names.length;
  // transpose the input rows [cells x d] into one map per feature
  const inputMaps = useMemo(
    () =>
      features.names.map((_, f) => {
        const m = new Float32Array(cells);
        for (let i = 0; i < cells; i++) m[i] = features.rows[i * d + f];
        return m;
      }),
    [features, cells, d],
  );
  return (
    <div className="pg-col pg-net" aria-label="network">
      <div className="pg-net-head">
        <button data-action="remove-layer" onClick={() => onLayers(hidden.length - 1)} disabled={hidden.length === 0} aria-label="remove a hidden layer">−</button>
        <span>{hidden.length} hidden layer{hidden.length === 1 ? '' : 's'}</span>
        <button data-action="add-layer" onClick={() => onLayers(hidden.length + 1)} disabled={hidden.length >= 6} aria-label="add a hidden layer">+</button>
      </div>
      <div className="pg-layers">
        <div className="pg-layer">
          <div className="pg-layer-head">inputs</div>
          {inputMaps.map((m, f) => (
            <div key={f} className="pg-neuron">
              <NeuronMap values={m} offset={0} size={GRID} px={32} label={`input ${features.names[f]}`} />
              <span>{features.names[f]}</span>
            </div>
          ))}
        </div>
        {hidden.map((units, l) => (
          <div key={l} className="pg-layer" data-layer={l}>
            <div className="pg-layer-head">
              <button onClick={() => onUnits(l, units - 1)} disabled={units <= 0} aria-label={`fewer units in layer ${l + 1}`}>−</button>
              <span>{units}</span>
              <button onClick={() => onUnits(l, units + 1)} disabled={units >= 16} aria-label={`more units in layer ${l + 1}`}>+</button>
            </div>
            {showMaps
              ? Array.from({ length: units }, (_, u) => (
                  <NeuronMap key={u} values={neurons?.[l] ?? null} offset={u * cells} size={GRID} mid={activationMid(activation)} px={32} label={`layer ${l + 1}, neuron ${u + 1}`} />
                ))
              : <span className="muted">{units} units</span>}
          </div>
        ))}
      </div>
    </div>
  );
}
