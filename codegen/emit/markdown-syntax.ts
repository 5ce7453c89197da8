/** The Markdown the docs emitters share: table rows, one-line cells, inline code. */

export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A second-level section: its heading, then each block (a paragraph, a table) after a blank line. */
export function section(heading: string, ...blocks: readonly string[]): string {
  return [`## ${heading}`, ...blocks].join('\n\n');
}

/** A table: the header, its separator, then one row per entry. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

/** Table cells hold one line, and a pipe would end the cell. */
export function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

export function code(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}
