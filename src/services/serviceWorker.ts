/**
 * H5 only: registers the Workbox service worker the build writes (sw.js,
 * see config/index.ts), so a reload without a connection still opens the
 * app and shows what waits in the queue. Never throws: a browser without
 * service workers (or a file:// page) simply works online only.
 */
export function registerServiceWorker(nav: Navigator | undefined = typeof navigator === 'undefined' ? undefined : navigator): void {
  if (!nav || !('serviceWorker' in nav) || process.env.NODE_ENV !== 'production') return
  void nav.serviceWorker.register('/sw.js').catch(() => undefined)
}
