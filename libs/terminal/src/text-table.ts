/**
 * Rows as an aligned text table under a header line: columns two spaces apart, the last one not padded (so long
 * text runs on instead of pushing every line wide), no trailing spaces.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: readonly string[]) =>
    headers
      .map((_header, column) => (column === headers.length - 1 ? (cells[column] ?? '') : (cells[column] ?? '').padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [format(headers), ...rows.map(format)].join('\n') + '\n';
}

/** `text`, cut to `width` characters with an ellipsis when longer; one line, whitespace runs collapsed. */
export function oneLine(text: string, width = Infinity): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, Math.max(0, width - 1))}…` : flat;
}
