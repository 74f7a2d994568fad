/**
 * The typed messages between widgets (main thread) and the training worker.
 * Only plain data crosses: configurations, named data and requests in; metrics, views and answers out.
 */
import type { BackendName, BackendStatus } from './backend';
import type { TrainerState } from './trainer';
import type { DataPayload, View } from './model';

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
  /** A large input by name (see DataPayload), sent once and kept by the trainer across resets; its typed arrays may be transferred. */
  | { type: 'data'; id: string; name: string; payload: DataPayload }
  /** A question for the trainer's model (Model.answer), answered with the same requestId, running or paused. */
  | { type: 'request'; id: string; requestId: number; request: unknown }
  | { type: 'check-backends'; id: string };

export interface MetricsMessage {
  type: 'metrics';
  id: string;
  state: TrainerState;
  step: number;
  loss: number | null;
  message: string | null;
  /** The trainer's run (Metrics.run): a new one clears the page's series. */
  run: number;
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
  /** The answer to one request, or why there is none (no model, no answer method, the trainer is gone). */
  | { type: 'answer'; id: string; requestId: number; answer?: unknown; error?: string }
  | { type: 'backends-checked'; id: string; statuses: BackendStatus[]; timings: Partial<Record<BackendName, number>> };
