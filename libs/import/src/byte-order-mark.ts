/** The text without the UTF-8 byte order mark that spreadsheet programs (Excel's "CSV UTF-8") write at its start. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
