import type { CellKind } from './import-row';

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * What a CSV cell holds, read as its kind says. A cell that does not look like its kind is kept as text where the
 * validation can name the field better than we can here (`memberCount` of "many"); only text that was meant to be
 * JSON and is not is a problem of the cell itself.
 */
export function cellValue(kind: CellKind, text: string): { value: unknown } | { problem: string } {
  switch (kind) {
    case 'number':
      return { value: NUMBER.test(text.trim()) ? Number(text) : text };
    case 'boolean':
      return { value: text.trim() === 'true' ? true : text.trim() === 'false' ? false : text };
    case 'list':
      if (text.trim().startsWith('[')) return json(text);
      return { value: text.split(';').map((item) => item.trim()).filter((item) => item !== '') };
    case 'json':
      return json(text);
    case 'text':
      return { value: text };
  }
}

function json(text: string): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `is not valid JSON (${(error as Error).message})` };
  }
}
