/**
 * The worker's one copy of the digits, shared by every MNIST model on the page.
 * Models are created synchronously, so a spec's `prepare` awaits `loadMnist`
 * first; Node tests hand the data in with `provideMnist`.
 */
import { fetchMnist, type MnistData } from './mnist';

let data: MnistData | null = null;
let pending: Promise<MnistData> | null = null;

/** Loads the packed file once; a failed load is forgotten so that a retry fetches again. */
export function loadMnist(url: string): Promise<MnistData> {
  if (data) return Promise.resolve(data);
  if (!pending) {
    pending = fetchMnist(url).then(
      (d) => (data = d),
      (e) => {
        pending = null;
        throw e;
      },
    );
  }
  return pending;
}

/** Sets the digits directly (tests, benchmarks). */
export function provideMnist(d: MnistData): void {
  data = d;
}

/** The loaded digits; throws if no model prepared them (a bug, not a reader's problem). */
export function getMnist(): MnistData {
  if (!data) throw new Error('MNIST digits are not loaded yet (the model spec must await loadMnist in prepare)');
  return data;
}
