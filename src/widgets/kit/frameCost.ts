/**
 * How long the page's last frame took on the main thread, from inside its animation-frame callback to the
 * first task after it: script, style, layout, paint and commit, as the reader's device does them. A slow
 * device (or one whose cores are busy training) reports more, and widgets then draw less often.
 */
let channel: MessageChannel | null = null;
const waiting: { start: number; done: (ms: number) => void }[] = [];

/** Call at the start of a rAF callback; `done` gets the frame's cost in ms once the frame has been drawn. */
export function measureFrame(start: number, done: (ms: number) => void): void {
  if (typeof MessageChannel === 'undefined') return;
  if (!channel) {
    channel = new MessageChannel();
    // Tasks do not run inside a frame's rendering steps: this one runs once the frame is painted and committed.
    channel.port1.onmessage = () => {
      const now = performance.now();
      for (const w of waiting.splice(0)) w.done(now - w.start);
    };
  }
  if (!waiting.length) channel.port2.postMessage(null);
  waiting.push({ start, done });
}
