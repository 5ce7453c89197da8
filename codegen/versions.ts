/** This CLI's version, the same as its package.json's (a test keeps the two equal). */
export const CLI_VERSION = '0.2.0';

/**
 * The runtime versions the code this CLI emits works with: its package.json's peer dependency on
 * `metrics-kit`, stamped into every generated client, which checks it at import.
 */
export const RUNTIME_RANGE = '^0.2.0';
