export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

/** Subscribes to a signal and returns the unsubscribe function; one per runtime. */
export type SignalSubscriber = (signal: ShutdownSignal, handler: () => void) => () => void;

/**
 * On the first SIGTERM or SIGINT: stop accepting connections and let in-flight requests finish
 * (`close`), then run the application's own cleanup. A second signal is left to the runtime's
 * default handling, so an impatient Ctrl-C still ends the process at once.
 */
export function closeOnSignals(
  subscribe: SignalSubscriber,
  close: () => Promise<void>,
  onShutdown: ((signal: ShutdownSignal) => void | Promise<void>) | undefined,
): () => void {
  const unsubscribers: (() => void)[] = [];
  const stopListening = (): void => {
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    unsubscribers.push(
      subscribe(signal, () => {
        stopListening();
        void close()
          .then(() => onShutdown?.(signal))
          .catch(() => {});
      }),
    );
  }
  return stopListening;
}
