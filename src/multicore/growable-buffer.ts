/**
 * A `SharedArrayBuffer` that grows in place (ES2024; Node 20 has it). Declared here because the
 * project's TypeScript `lib` predates it.
 */
export interface GrowableSharedArrayBuffer extends SharedArrayBuffer {
  grow(byteLength: number): void;
  readonly maxByteLength: number;
}

type GrowableConstructor = new (
  byteLength: number,
  options: { maxByteLength: number },
) => GrowableSharedArrayBuffer;

/** `byteLength` bytes now, up to `maxByteLength` later: address space reserved, memory not. */
export function growableBuffer(
  byteLength: number,
  maxByteLength: number,
): GrowableSharedArrayBuffer {
  return new (SharedArrayBuffer as unknown as GrowableConstructor)(byteLength, { maxByteLength });
}
