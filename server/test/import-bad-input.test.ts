import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../src/testing/db.js';
import { type Client, makeTestApp, type TestApp } from '../src/testing/harness.js';
import { expectProblem, loginAdmin } from './helpers.js';
import { bigXlsx, importer, xlsx } from './import-helpers.js';

/** A zip of the given entries, stored with declared sizes we choose (to build lying archives). */
function zip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const compressed = zlib.deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(zlib.crc32 ? zlib.crc32(e.data) : 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(zlib.crc32 ? zlib.crc32(e.data) : 0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const contentTypes = Buffer.from('<?xml version="1.0"?><Types/>');

describe.each(testDialects)('import: bad input on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  const imports = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('imports')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const customers = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('customers')
          .select((e) => e.fn.countAll().as('n'))
          .where('orgId', '=', t.orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('refuses a zip bomb disguised as .xlsx before any parser opens it, and stores nothing', async () => {
    const im = importer(t, admin);
    const before = await imports();
    // 1. Declares an absurd total size.
    const declared = zip([
      { name: '[Content_Types].xml', data: contentTypes },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), declaredSize: 0x7fffffff },
    ]);
    expectProblem(await im.upload('bomb.xlsx', declared), 422, 'import_zip_bomb');
    // 2. Honest sizes, absurd ratio: 64 MB of zeros in ~64 KB.
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const ratio = zip([
      { name: '[Content_Types].xml', data: contentTypes },
      { name: 'xl/worksheets/sheet1.xml', data: zeros },
    ]);
    expect(ratio.length).toBeLessThan(1024 * 1024);
    expectProblem(await im.upload('ratio.xlsx', ratio), 422, 'import_zip_bomb');
    // 3. Lies about its size: declares 1 KB, inflates to 64 MB — stopped while inflating.
    const lying = zip([
      { name: '[Content_Types].xml', data: contentTypes },
      { name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 1024 },
    ]);
    expectProblem(await im.upload('lying.xlsx', lying), 422, 'import_zip_bomb');
    // 4. Not a zip at all behind the .xlsx name; a truncated zip.
    const good = await xlsx([['客户名称'], ['甲公司']]);
    expectProblem(
      await im.upload('cut.xlsx', good.subarray(0, good.length - 30)),
      422,
      'import_file_corrupt',
    );
    expect(await imports()).toBe(before);
  });

  it('refuses more than 100,000 data rows with 422, for .xlsx and .csv', async () => {
    const im = importer(t, admin);
    const big = await bigXlsx(['客户名称', '电话'], 100_001, (i) => [
      `批量客户${i}有限公司`,
      `1380000${String(i).padStart(4, '0')}`,
    ]);
    const res = await im.upload('big.xlsx', big);
    const body = expectProblem(res, 422, 'import_too_many_rows');
    expect(body.title).toContain('100001');
    const csv = Buffer.from(
      `客户名称\n${Array.from({ length: 100_001 }, (_, i) => `客户${i}`).join('\n')}\n`,
    );
    expectProblem(await im.upload('big.csv', csv), 422, 'import_too_many_rows');
    expect(await imports()).toBe(0);
  });

  it('resumes a killed import from its checkpoint without writing any row twice', {
    timeout: 120_000,
  }, async () => {
    const rows = 1_200; // three batches of 500
    const file = await bigXlsx(['客户名称', '手机'], rows, (i) => [
      `${i}号断点续传客户有限公司`,
      `1370000${String(i).padStart(4, '0')}`,
    ]);
    const im = importer(t, admin);
    const v = await im.check(await im.uploaded('resume.xlsx', file));
    expect(v.summary).toMatchObject({ rows, valid: rows });
    const before = await customers();
    // The database refuses row 700 (in the second batch): the worker dies there.
    const boom = '698号断点续传客户有限公司';
    if (dialect === 'sqlite')
      await sql`create trigger import_boom before insert on customers when new.name = ${sql.lit(boom)}
        begin select raise(abort, 'killed'); end`.execute(t.ctx.db);
    else {
      await sql
        .raw(`create function import_boom() returns trigger language plpgsql as $$
        begin if new.name = '${boom}' then raise exception 'killed'; end if; return new; end $$`)
        .execute(t.ctx.db);
      await sql`create trigger import_boom before insert on customers for each row execute function import_boom()`.execute(
        t.ctx.db,
      );
    }
    const started = await admin({
      method: 'POST',
      url: `/api/v1/imports/${v.id}/run`,
      body: { policy: 'skip' },
    });
    expect(started.statusCode).toBe(202);
    await t.jobs.drain();
    const midway = await im.get(v.id);
    expect(midway.status, 'the import waits for its retry').toBe('running');
    expect(midway.processedRows).toBe(500);
    expect(await customers(), 'the first batch is committed, the second rolled back whole').toBe(
      before + 500,
    );
    const job = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('type', '=', 'import.run')
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job.lastError).toContain('killed');

    await sql`drop trigger import_boom ${dialect === 'postgres' ? sql`on customers` : sql``}`.execute(
      t.ctx.db,
    );
    t.clock.advance(3_600_000);
    await t.jobs.drain();
    const done = await im.get(v.id);
    expect(done.status).toBe('done');
    expect(done.result).toEqual({ created: rows, merged: 0, skipped: 0, failed: 0 });
    expect(await customers()).toBe(before + rows);
    const twice = await t.ctx.db
      .selectFrom('customers')
      .select(['name', (e) => e.fn.countAll().as('n')])
      .where('orgId', '=', t.orgId)
      .groupBy('name')
      .having((e) => e.fn.countAll(), '>', 1)
      .execute();
    expect(twice, 'no row was written twice').toEqual([]);
    const creates = await t.ctx.db
      .selectFrom('auditLog')
      .select((e) => e.fn.countAll().as('n'))
      .where('object', '=', 'customer')
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    expect(Number(creates.n)).toBe(before + rows);
  });

  it('cancels a running import after the batch in flight, keeping what was written', async () => {
    const file = await bigXlsx(['客户名称'], 1_100, (i) => [`取消测试客户${i}有限公司`]);
    const im = importer(t, admin);
    const v = await im.check(await im.uploaded('cancel.xlsx', file));
    await admin({ method: 'POST', url: `/api/v1/imports/${v.id}/run`, body: { policy: 'skip' } });
    const cancel = await admin({ method: 'POST', url: `/api/v1/imports/${v.id}/cancel` });
    expect(cancel.json().status).toBe('cancelling');
    await t.jobs.drain();
    const after = await im.get(v.id);
    expect(after.status).toBe('cancelled');
    expectProblem(
      await admin({ method: 'POST', url: `/api/v1/imports/${v.id}/cancel` }),
      409,
      'import_state',
    );
  });
});
