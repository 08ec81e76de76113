// Writes the server's OpenAPI document and the web client's types generated from it.
// Run `npm run gen:api` after changing a route schema; a test checks the committed types are current.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openApiDocument } from './openapi-doc.js';

const root = path.resolve(import.meta.dirname, '../../..');
const jsonFile = path.join(root, 'web/src/app/openapi.json');
fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
fs.writeFileSync(jsonFile, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
execFileSync(
  path.join(root, 'node_modules/.bin/openapi-typescript'),
  [jsonFile, '-o', path.join(root, 'web/src/app/api-schema.d.ts')],
  { stdio: 'inherit' },
);
fs.rmSync(jsonFile);
