/** The Markdown the docs emitters share: table rows, one-line cells, inline code. */

export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Table cells hold one line, and a pipe would end the cell. */
export function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

export function code(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}
