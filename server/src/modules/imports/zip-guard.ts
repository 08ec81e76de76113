import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { AppError } from '../../platform/errors.js';

// An .xlsx is a zip. Before any parser sees one, its central directory is read and refused when the
// declared sizes are absurd (a zip bomb), and then every entry is inflated once with the bytes counted
// — an entry that inflates past what it declared, or a total past the cap, stops it at once. The
// worksheets' merged ranges and data-row counts are collected on the way (they sit at the end of a
// sheet, where a streaming reader would see them too late).

export const zipLimits = {
  maxEntries: 5_000,
  /** Total uncompressed bytes of all entries. */
  maxUnpackedBytes: 512 * 1024 * 1024,
  /** Compression ratio an entry above `ratioFloorBytes` may have. */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

type Entry = { name: string; method: number; compressed: number; size: number; offset: number };

export type SheetFacts = {
  /** Worksheet part name → merged ranges ("A2:A4") and rows that hold at least one value. */
  sheets: Map<string, { merges: string[]; rows: number }>;
  unpackedBytes: number;
};

const bomb = () => new AppError(422, 'import_zip_bomb');
const corrupt = () => new AppError(422, 'import_file_corrupt');

/** Reads the central directory; refuses ZIP64, encryption-free oddities and absurd declared sizes. */
export async function zipEntries(file: string): Promise<Entry[]> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt();
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw bomb(); // ZIP64: never an honest 50 MB sheet
    if (count > zipLimits.maxEntries) throw bomb();
    if (cdOffset + cdSize > size) throw corrupt();
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const entries: Entry[] = [];
    let p = 0;
    let total = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw corrupt();
      const method = cd.readUInt16LE(p + 10);
      const compressed = cd.readUInt32LE(p + 20);
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const offset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      p += 46 + nameLength + extraLength + commentLength;
      total += uncompressed;
      if (total > zipLimits.maxUnpackedBytes) throw bomb();
      if (uncompressed > zipLimits.ratioFloorBytes && uncompressed > compressed * zipLimits.maxRatio)
        throw bomb();
      if (method !== 0 && method !== 8) throw corrupt();
      if (offset + compressed > size) throw corrupt();
      entries.push({ name, method, compressed, size: uncompressed, offset });
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * Inflates every entry once, counting bytes (never more than each entry declared, never more than the
 * cap in total), and collects the worksheets' merged ranges and value-holding row counts.
 */
export async function inspectZip(file: string): Promise<SheetFacts> {
  const entries = await zipEntries(file);
  if (!entries.some((e) => e.name === '[Content_Types].xml')) throw corrupt();
  const sheets: SheetFacts['sheets'] = new Map();
  let unpacked = 0;
  const handle = await fsp.open(file, 'r');
  try {
    for (const entry of entries) {
      const header = Buffer.alloc(30);
      await handle.read(header, 0, 30, entry.offset);
      if (header.readUInt32LE(0) !== 0x04034b50) throw corrupt();
      const start = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name);
      const scanner = isSheet ? sheetScanner() : null;
      let produced = 0;
      const raw =
        entry.compressed > 0 ? fs.createReadStream(file, { start, end: start + entry.compressed - 1 }) : null;
      if (raw) {
        const source = entry.method === 8 ? raw.pipe(zlib.createInflateRaw()) : raw;
        try {
          for await (const chunk of source as AsyncIterable<Buffer>) {
            produced += chunk.length;
            unpacked += chunk.length;
            if (produced > entry.size || unpacked > zipLimits.maxUnpackedBytes) throw bomb();
            scanner?.push(chunk);
          }
        } catch (err) {
          raw.destroy();
          if (err instanceof AppError) throw err;
          throw corrupt();
        }
      }
      if (produced !== entry.size) throw corrupt();
      if (scanner) sheets.set(entry.name, scanner.result());
    }
  } finally {
    await handle.close();
  }
  return { sheets, unpackedBytes: unpacked };
}

/** Finds <mergeCell ref="…"/> and counts <row> elements holding a value (<v> or inline <is>). */
function sheetScanner() {
  const decoder = new StringDecoder('utf8');
  const token = /<row\b[^>]*>|<\/row>|<v>|<v\s|<is>|<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g;
  let carry = '';
  let inRow = false;
  let hasValue = false;
  let rows = 0;
  const merges: string[] = [];
  return {
    push(chunk: Buffer) {
      const text = carry + decoder.write(chunk);
      token.lastIndex = 0;
      for (let m = token.exec(text); m; m = token.exec(text)) {
        // A token wholly inside the carried tail was seen in the previous round.
        if (m.index + m[0].length <= carry.length) continue;
        const t = m[0];
        if (t.startsWith('<mergeCell')) merges.push(m[1]!);
        else if (t === '</row>') {
          if (inRow && hasValue) rows++;
          inRow = false;
        } else if (t.startsWith('<row')) {
          if (t.endsWith('/>')) inRow = false;
          else {
            inRow = true;
            hasValue = false;
          }
        } else hasValue = true;
      }
      carry = text.slice(-400);
    },
    result: () => ({ merges, rows }),
  };
}
