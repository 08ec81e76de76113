// How a file is shown in a list: its size for people and the icon family of its type. Pure functions.

export type FileKind = 'pdf' | 'image' | 'word' | 'excel' | 'ppt' | 'archive' | 'text' | 'other';

const kindsByExtension: Record<string, FileKind> = {
  pdf: 'pdf',
  ofd: 'pdf',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  bmp: 'image',
  heic: 'image',
  doc: 'word',
  docx: 'word',
  wps: 'word',
  xls: 'excel',
  xlsx: 'excel',
  et: 'excel',
  csv: 'excel',
  ppt: 'ppt',
  pptx: 'ppt',
  zip: 'archive',
  rar: 'archive',
  '7z': 'archive',
  txt: 'text',
  md: 'text',
};

/** The icon family of a file, from its name's extension. */
export function fileKindOf(fileName: string): FileKind {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  return kindsByExtension[ext] ?? 'other';
}

/** 1.2 MB, 340 KB, 12 B — one decimal below 10 units, none above. */
export function formatFileSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}
