import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  displayFileName,
  downloadContentType,
  extensionOf,
  formatBytes,
  refusedByContent,
  refusedByName,
  storedContentType,
} from './file-rules.js';

describe('attachment file rules', () => {
  it('shows only the last segment of a name, without control or direction-override characters', () => {
    expect(displayFileName('C:\\Users\\张伟\\Desktop\\报价单.xlsx')).toBe('报价单.xlsx');
    expect(displayFileName('../../etc/passwd')).toBe('passwd');
    expect(displayFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(displayFileName('a\u0000b\nc\td.pdf')).toBe('ab c d.pdf');
    expect(displayFileName('   ')).toBe('file');
    expect(displayFileName('.htaccess')).toBe('htaccess');
  });

  it('caps a long name at 200 characters and keeps its extension', () => {
    const name = displayFileName(`${'需'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('需.pdf')).toBe(true);
  });

  it('refuses executables by their last extension, in any case', () => {
    expect(refusedByName('setup.EXE')).toBe('.exe');
    expect(refusedByName('报价.pdf.exe')).toBe('.exe');
    expect(refusedByName('deploy.ps1')).toBe('.ps1');
    expect(refusedByName('报价.exe.pdf')).toBeNull();
    expect(refusedByName('README')).toBeNull();
  });

  it('recognises programs by their first bytes', () => {
    expect(refusedByContent(Buffer.from('MZ\x90\x00'))).toBe('MZ');
    expect(refusedByContent(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2]))).toBe('ELF');
    expect(refusedByContent(Buffer.from([0xcf, 0xfa, 0xed, 0xfe]))).toBe('Mach-O');
    expect(refusedByContent(Buffer.from('#!/usr/bin/env node'))).toBe('#!');
    expect(refusedByContent(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(refusedByContent(Buffer.from('M'))).toBeNull();
  });

  it('stores the type its extension says and downloads risky types as octet-stream', () => {
    expect(storedContentType('合同.PDF')).toBe('application/pdf');
    expect(storedContentType('page.html')).toBe('application/octet-stream');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    for (const risky of ['text/html', 'image/svg+xml', 'application/xml', 'text/javascript', 'text/markdown'])
      expect(downloadContentType(risky), risky).toBe('application/octet-stream');
    expect(downloadContentType('image/png')).toBe('image/png');
  });

  it('names the download in UTF-8 with an ASCII fallback', () => {
    expect(attachmentDisposition('报价单 (终版).pdf')).toBe(
      `attachment; filename="___ (__).pdf"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95%20%28%E7%BB%88%E7%89%88%29.pdf`,
    );
    expect(attachmentDisposition('a"b\\c;d%.txt')).toBe(
      `attachment; filename="a_b_c_d_.txt"; filename*=UTF-8''a%22b%5Cc%3Bd%25.txt`,
    );
  });

  it('formats sizes for people', () => {
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12)).toBe('12 B');
  });
});
