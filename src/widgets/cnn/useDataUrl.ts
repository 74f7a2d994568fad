import { MNIST_PATH } from '../../engine/data/mnist';

/** The packed digits' absolute URL, resolved against the page (the worker's own URL is elsewhere). */
export function mnistUrl(): string {
  return new URL(MNIST_PATH, document.baseURI).href;
}
