import { useRegisterSW } from 'virtual:pwa-register/react';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The service worker's two messages, in the page's flow (never over a figure): once the book is cached, a
 * small "works offline" mark in the top bar; when a new deploy has been cached beside the old copy, a line
 * saying so, with a button that reloads into it. A long-open tab checks for a new deploy every hour.
 */
export function OfflineNotice() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), HOUR_MS);
    },
  });
  return (
    <>
      {offlineReady && !needRefresh && (
        <span className="offline-ready" role="status" data-offline-ready title="Every chapter, its figures and data sets are saved on this device: the book works with the network off.">
          works offline
        </span>
      )}
      {needRefresh && (
        <p className="update-ready" role="status" data-update-ready>
          A new version of the book has been downloaded.{' '}
          <button onClick={() => void updateServiceWorker(true)}>Reload to use it</button>{' '}
          <button onClick={() => setNeedRefresh(false)}>Later</button>
        </p>
      )}
    </>
  );
}
