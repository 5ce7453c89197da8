// Preloaded with `--require` (through NODE_OPTIONS, so it reaches a bin's own node too): at exit,
// writes every CommonJS module the process loaded to $LOADED_MODULES_FILE, one path a line.
// ESM imports of CommonJS packages (ts-morph, typescript) land in the same cache.
const Module = require('node:module');
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  writeFileSync(process.env.LOADED_MODULES_FILE, Object.keys(Module._cache).join('\n'));
});
