/** "1 group", "9 groups": a count with its noun, in the number the count needs. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
