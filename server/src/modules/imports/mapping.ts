import { toHalfWidth } from '../../platform/normalize/index.js';
import { type CellValue, cellText, isEmptyRow, type SheetRow } from './readers.js';
import type { ImportField } from './target.js';

// Finding the header row of a sheet and matching its columns to a target's fields.

/** A header as compared: half-width, lower case, without spaces, punctuation, "*" or a note in brackets. */
export function foldHeader(header: string): string {
  return toHalfWidth(header)
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function matcher(fields: ImportField[]) {
  const bySynonym = new Map<string, string>();
  for (const f of fields)
    for (const s of [...f.synonyms, f.label['zh-CN'], f.label.en]) {
      const k = foldHeader(s);
      if (k && !bySynonym.has(k)) bySynonym.set(k, f.key);
    }
  return (header: string) => bySynonym.get(foldHeader(header));
}

/**
 * The header row: among the first non-empty rows, the one whose cells name the most fields (a title
 * row such as "客户清单" above the header is passed over); the first non-empty row when none does.
 */
export function detectHeader(rows: SheetRow[], fields: ImportField[]): SheetRow | null {
  const match = matcher(fields);
  let best: SheetRow | null = null;
  let bestScore = 0;
  for (const row of rows.filter((r) => !isEmptyRow(r.cells)).slice(0, 20)) {
    const score = new Set(row.cells.map((c) => match(cellText(c))).filter(Boolean)).size;
    if (score > bestScore) {
      best = row;
      bestScore = score;
    }
  }
  return best ?? rows.find((r) => !isEmptyRow(r.cells)) ?? null;
}

/** Column index → field key for every header that names a field (each field taken once, first wins). */
export function autoMap(headers: string[], fields: ImportField[]): Record<number, string> {
  const match = matcher(fields);
  const mapping: Record<number, string> = {};
  const taken = new Set<string>();
  headers.forEach((h, i) => {
    const key = match(h);
    if (key && !taken.has(key)) {
      mapping[i] = key;
      taken.add(key);
    }
  });
  return mapping;
}

export const headerTexts = (cells: CellValue[]) => cells.map((c) => cellText(c).trim());
