import type { ToyArch, ToyMaps } from '../../engine/models/toyTransformerConfig';
import { AttentionMap } from './AttentionMap';

/** Every layer's and head's attention maps, grouped: encoder self, decoder self (causal), cross. */
export function ToyMapsView({ maps, arch }: { maps: ToyMaps; arch: ToyArch }) {
  const src = maps.sourceTokens;
  const dec = maps.decoderTokens;
  const groups = arch === 'encoder-decoder'
    ? [
        { name: 'Encoder self-attention (source → source)', layers: maps.encoderSelf, rows: src, cols: src },
        { name: 'Decoder self-attention, causal (output so far → output so far)', layers: maps.decoderSelf, rows: dec, cols: dec },
        { name: 'Cross-attention (output position → source)', layers: maps.cross, rows: dec, cols: src },
      ]
    : [{ name: 'Self-attention, causal, over source then output', layers: maps.decoderSelf, rows: [...src, ...dec], cols: [...src, ...dec] }];
  return (
    <div data-maps={arch}>
      {groups.map((g) => (
        <div key={g.name} className="attn-group">
          <h4>{g.name}</h4>
          <div className="attn-maps">
            {g.layers.flatMap((heads, l) => heads.map((w, h) => <AttentionMap key={`${l}-${h}`} weights={w} rows={g.rows} cols={g.cols} title={`layer ${l + 1}, head ${h + 1}`} />))}
          </div>
        </div>
      ))}
      <p className="seq-note">Rows are queries, columns keys; darker means more weight (each row sums to 1). Decoder rows start with ^, the start token; the row of each output token predicts the next one.</p>
    </div>
  );
}
