import { it } from 'vitest';
import { birthsStore, parseBirths } from '../../src/engine/data/births';
import { functionData, birthsYear } from '../../src/engine/models/attentionPoolingData';
import { leaveOneOutLoss, leaveOneOutGradient } from '../../src/engine/math/kernelRegression';
import { bufferOf, packed } from './support/textDataFixture';
it('explore', () => {
  const b = parseBirths(bufferOf(packed('births')));
  for (const [name, d] of [['fn', functionData(1)], ['births', birthsYear(b)]] as const) {
    const rows: string[] = [];
    for (const h of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10, 20]) {
      const w = 1 / h;
      rows.push(`h=${h} w=${w.toFixed(3)} L=${leaveOneOutLoss(d.keys, d.values, w).toFixed(4)} g=${leaveOneOutGradient(d.keys, d.values, w).toFixed(4)}`);
    }
    console.log(name, d.values.length, '\n' + rows.join('\n'));
  }
});
