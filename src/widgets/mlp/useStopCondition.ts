import { useEffect, useRef, useState } from 'react';
import { formatLoss } from '../kit/format';
import type { TrainerHandle } from '../kit/useTrainer';

/** A stop rule: pause once the test loss is below a target, or once N epochs are done. */
export interface StopRule {
  kind: string;
  loss: number;
  epochs: number;
}

/** What the stop rule did: a sentence for the reader, plus the numbers (for the benchmark and tests). */
export interface StopReport {
  text: string;
  seconds: number;
  epoch: number;
  step: number;
}

/**
 * Watches a trainer and pauses it when the rule is met. Also keeps the wall-clock
 * time spent running (paused time excluded), so a reader can compare with other tools.
 * The rule fires once per run; a reset (step 0) or a new rule re-arms it.
 */
export function useStopCondition(trainer: TrainerHandle<'mlp-classifier'>, rule: StopRule, examplesPerStep: number, trainSize: number) {
  const clock = useRef<{ ms: number; since: number | null }>({ ms: 0, since: null });
  const armed = useRef(true);
  const [report, setReport] = useState<StopReport | null>(null);
  const running = trainer.state === 'running';

  useEffect(() => {
    const c = clock.current;
    if (running && c.since === null) c.since = performance.now();
    if (!running && c.since !== null) {
      c.ms += performance.now() - c.since;
      c.since = null;
    }
  }, [running]);

  const fresh = trainer.steps === 0;
  useEffect(() => {
    if (!fresh) return;
    clock.current = { ms: 0, since: running ? performance.now() : null };
    armed.current = true;
    setReport(null);
  }, [fresh]); // only when a run starts afresh

  useEffect(() => {
    armed.current = true;
    setReport(null);
  }, [rule.kind, rule.loss, rule.epochs]);

  const seconds = () => (clock.current.ms + (clock.current.since !== null ? performance.now() - clock.current.since : 0)) / 1000;
  const epoch = trainSize > 0 ? (trainer.steps * Math.min(examplesPerStep, trainSize)) / trainSize : 0;

  useEffect(() => {
    if (!running || !armed.current || rule.kind === 'never') return;
    // Where the engine checks the target at every epoch end, a dip between two views counts too.
    const below = trainer.view?.testBelow;
    const testLoss = below?.length ? below[1] : trainer.view?.[rule.kind === 'pgloss' ? 'testPlaygroundLoss' : 'testLoss'];
    let text: string | null = null;
    if ((rule.kind === 'loss' || rule.kind === 'pgloss') && testLoss !== undefined && Number.isFinite(testLoss) && testLoss < rule.loss)
      text = `Stopped: ${rule.kind === 'pgloss' ? 'TF Playground’s test loss' : 'test loss'} ${formatLoss(testLoss)} < ${rule.loss}`;
    else if (rule.kind === 'epochs' && epoch >= rule.epochs) text = `Stopped after ${rule.epochs} epochs`;
    if (!text) return;
    trainer.pause();
    armed.current = false;
    const s = seconds();
    setReport({ text: `${text}, at epoch ${epoch.toFixed(1)} (step ${trainer.steps}) after ${s.toFixed(2)} s of training. Play continues past the rule; Reset re-arms it.`, seconds: s, epoch, step: trainer.steps });
  }, [trainer.view]); // once per view, not at every render

  return { report, epoch, seconds };
}
