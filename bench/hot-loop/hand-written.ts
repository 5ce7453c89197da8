/**
 * The six updates of one event written by hand against flat arrays, the baseline of the mixed
 * hot loop: enum labels through a switch, the classic bucket by binary search, the native bucket
 * (the seed's duration layout has both, at schema 3) from a logarithm into a dense array, topic
 * and partition through nested maps. What a careful developer would write without a metrics
 * library.
 */
/** Native buckets kept per series: indexes -128 .. 127 at schema 3. */
const NATIVE_SPAN = 256;

export function handWritten(bounds: readonly number[]) {
  const stride = bounds.length + 2;
  const upper = Float64Array.from(bounds);
  const received = new Float64Array(1);
  const processed = new Float64Array(4);
  const duration = new Float64Array(4 * stride);
  const stateCount = new Float64Array(16);
  const stateDuration = new Float64Array(16 * stride);
  const durationNative = new Float64Array(4 * NATIVE_SPAN);
  const stateDurationNative = new Float64Array(16 * NATIVE_SPAN);
  const dedup = new Float64Array(2);
  const kafka = new Float64Array(1024);
  const kafkaIndex = new Map<string, Map<number, number>>();
  let kafkaSeries = 0;

  function resultIndex(value: string): number {
    switch (value) {
      case 'success':
        return 0;
      case 'error':
        return 1;
      case 'dropped':
        return 2;
      default:
        return 3;
    }
  }
  function fourIndex(value: string, a: string, b: string, c: string): number {
    return value === a ? 0 : value === b ? 1 : value === c ? 2 : 3;
  }
  function bucket(value: number): number {
    let low = 0;
    let high = upper.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (value <= (upper[middle] as number)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
  function observe(
    storage: Float64Array,
    native: Float64Array,
    series: number,
    value: number,
  ): void {
    const base = series * stride;
    (storage[base + bucket(value)] as number) += 1;
    (storage[base + stride - 1] as number) += value;
    // Schema 3: bucket i holds (2^((i-1)/8), 2^(i/8)]; indexes -128 .. 127 cover 2^-16 .. 2^16.
    const index = Math.min(Math.max(Math.ceil(Math.log2(value) * 8), -128), 127);
    (native[series * NATIVE_SPAN + index + 128] as number) += 1;
  }
  function kafkaSlot(topic: string, partition: number): number {
    let partitions = kafkaIndex.get(topic);
    if (partitions === undefined) {
      partitions = new Map();
      kafkaIndex.set(topic, partitions);
    }
    let series = partitions.get(partition);
    if (series === undefined) {
      series = kafkaSeries++;
      partitions.set(partition, series);
    }
    return series;
  }

  return {
    event(
      result: string,
      seconds: number,
      operation: string,
      backend: string,
      duplicate: boolean,
      topic: string,
      partition: number,
    ): void {
      (received[0] as number) += 1;
      const r = resultIndex(result);
      (processed[r] as number) += 1;
      observe(duration, durationNative, r, seconds);
      const state =
        fourIndex(operation, 'get', 'put', 'delete') * 4 +
        fourIndex(backend, 'memory', 'rocksdb', 'redis');
      (stateCount[state] as number) += 1;
      observe(stateDuration, stateDurationNative, state, seconds);
      (dedup[0] as number) += 1;
      if (duplicate) (dedup[1] as number) += 1;
      (kafka[kafkaSlot(topic, partition)] as number) += 1;
    },
    total(): number {
      return received[0] as number;
    },
  };
}
