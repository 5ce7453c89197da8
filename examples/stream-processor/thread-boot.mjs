// Worker threads start from plain JavaScript: this registers tsx, then loads the TypeScript
// module named in workerData.entry: the demo runs from source.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
