// What an uploaded file may be, how its name is shown and how it is sent back. Pure functions, no I/O.

/** Longest file name kept for display (characters); longer names keep their extension. */
export const maxFileNameLength = 200;

/**
 * Extensions refused outright: programs, installers, libraries and scripts a click could run
 * (Windows, macOS, Linux, Android, Java, Office macros-by-script).
 */
// biome-ignore format: the list reads better packed
export const deniedExtensions = new Set([
  'exe', 'bat', 'cmd', 'com', 'scr', 'pif', 'msi', 'msp', 'mst', 'dll', 'sys', 'cpl', 'ocx', 'drv',
  'sh', 'bash', 'zsh', 'csh', 'ksh', 'command', 'run', 'bin', 'elf', 'so', 'dylib', 'app', 'pkg', 'dmg',
  'deb', 'rpm', 'appimage', 'js', 'mjs', 'cjs', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ws', 'wsc', 'sct',
  'hta', 'ps1', 'ps2', 'psm1', 'psd1', 'ps1xml', 'psc1', 'msh', 'reg', 'lnk', 'inf', 'scf', 'url',
  'gadget', 'msc', 'jar', 'class', 'apk', 'aab', 'xapk', 'ipa', 'py', 'pyc', 'pyw', 'pl', 'php', 'rb',
]);

/** Content types by extension, for files we store; anything else is stored as application/octet-stream. */
const typesByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  heic: 'image/heic',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  wps: 'application/vnd.ms-works',
  et: 'application/vnd.ms-excel',
  ofd: 'application/ofd',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/**
 * Types a download may be labelled with. Everything else — HTML, SVG, XML, JavaScript, unknown — goes
 * out as application/octet-stream, so no browser renders or runs it, whatever its name claims.
 */
const safeDownloadTypes = new Set(Object.values(typesByExtension).filter((t) => t !== 'text/markdown'));

/**
 * The uploader's file name made safe to show: the last path segment only, NFC, no control or
 * direction-override characters (which can disguise `gpj.exe` as `exe.jpg`), spaces collapsed, at most
 * `maxFileNameLength` characters with the extension kept. Never used in a storage path.
 */
export function displayFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...cleaned];
  if (!chars.length) return 'file';
  if (chars.length <= maxFileNameLength) return cleaned;
  const ext = extensionOf(cleaned);
  const tail = ext && ext.length <= 16 ? `.${ext}` : '';
  return chars.slice(0, maxFileNameLength - [...tail].length).join('') + tail;
}

/** The lower-case extension after the last dot ('' when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The content type stored for a file: from its extension, never from what the client claimed. */
export function storedContentType(fileName: string): string {
  return typesByExtension[extensionOf(fileName)] ?? 'application/octet-stream';
}

/** The type a download is sent with: its stored type when harmless, application/octet-stream otherwise. */
export function downloadContentType(storedType: string): string {
  return safeDownloadTypes.has(storedType) ? storedType : 'application/octet-stream';
}

/** Why a file name is refused (its extension is an executable's), or null. */
export function refusedByName(fileName: string): string | null {
  const ext = extensionOf(fileName);
  return deniedExtensions.has(ext) ? `.${ext}` : null;
}

/**
 * Why the first bytes of a file show a program whatever its name says (a Windows .exe renamed .pdf,
 * a Linux or macOS binary, a script with a #! line), or null.
 */
export function refusedByContent(head: Uint8Array): string | null {
  const b = head;
  if (b.length >= 2 && b[0] === 0x4d && b[1] === 0x5a) return 'MZ';
  if (b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46) return 'ELF';
  if (b.length >= 4) {
    const word = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(word)) return 'Mach-O';
  }
  if (b.length >= 2 && b[0] === 0x23 && b[1] === 0x21) return '#!';
  return null;
}

/**
 * `Content-Disposition: attachment` naming the file: an ASCII fallback for old clients and the real
 * name in UTF-8 (RFC 6266 / RFC 5987), so 报价单.pdf arrives as 报价单.pdf.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A byte count for people: 20 MB, 1.5 KB. */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}
