import { it } from 'vitest';
import { selfAttentionSteps } from '../../src/engine/math/selfAttention';
import { projections, tokenMatrix } from '../../src/widgets/attention/calcInputs';
import { equivariance, permutation, positionTable } from '../../src/widgets/attention/positionMath';
it('explore', () => {
  const toks = 'the cat sat on the mat'.split(' ');
  for (const [d, h, scale] of [[8, 2, true], [16, 1, false], [16, 1, true]] as const) {
    const st = selfAttentionSteps(tokenMatrix(toks, d, 1), projections(d, 1), { heads: h, scale });
    for (const hd of st.heads) {
      const w = Array.from(hd.weights.data);
      const rowsMax = Array.from({ length: 6 }, (_, i) => Math.max(...w.slice(i * 6, i * 6 + 6)).toFixed(3));
      console.log(d, h, scale, 'min', Math.min(...w).toFixed(3), 'max', Math.max(...w).toFixed(3), 'rowmax', rowsMax.join(' '));
    }
  }
  const dt = 'the dog bit the man'.split(' ');
  console.log('perm1', permutation(5, 1));
  const x = tokenMatrix(dt, 6, 1);
  console.log('gap', equivariance(x, projections(6, 1), permutation(5, 1)).gap, equivariance(x, projections(6, 1), permutation(5, 1), positionTable('sinusoidal', 5, 6, 0)).gap);
});
