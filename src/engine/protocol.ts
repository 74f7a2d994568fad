/**
 * The typed messages between widgets (main thread) and the training worker.
 * Only plain data crosses: configurations in, metrics and views out.
 */
import type { BackendName, BackendStatus } from './backend';
import type { TrainerState } from './trainer';
import type { View } from './model';

export type ToWorker =
  | { type: 'create'; id: string; kind: string; config: unknown; seed: number; forced: string | null; stepsPerSecond: number }
  | { type: 'step'; id: string; n: number }
  | { type: 'play'; id: string }
  | { type: 'pause'; id: string }
  | { type: 'reset'; id: string; seed: number }
  | { type: 'configure'; id: string; config: unknown }
  | { type: 'speed'; id: string; stepsPerSecond: number }
  | { type: 'visible'; id: string; visible: boolean }
  | { type: 'page-hidden'; hidden: boolean }
  | { type: 'dispose'; id: string }
  | { type: 'check-backends'; id: string };

export interface MetricsMessage {
  type: 'metrics';
  id: string;
  state: TrainerState;
  step: number;
  loss: number | null;
  message: string | null;
  stepsPerSecond: number;
  view: View | null;
  /**
   * The (step, loss) of each group of steps run since the previous metrics message, oldest first,
   * this message's own step included: metrics go out at most every 50 ms (100 at max speed), the loss curve keeps every group.
   */
  trail: { steps: number[]; losses: number[] } | null;
}

export type FromWorker =
  | MetricsMessage
  /** `plainJs`: training steps run in plain JS (tiny networks), `backend` then draws the views. */
  | { type: 'backend'; id: string; backend: BackendName; plainJs: boolean; reason: string; fallback: string | null }
  | { type: 'error'; id: string; message: string }
  | { type: 'backends-checked'; id: string; statuses: BackendStatus[]; timings: Partial<Record<BackendName, number>> };
