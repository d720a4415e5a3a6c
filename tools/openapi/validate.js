#!/usr/bin/env node
// Validates an OpenAPI document (3.0 or 3.1) with @apidevtools/swagger-parser: schema
// validation of the document itself plus resolution of every $ref. Exit codes: 0 valid,
// 1 invalid (messages on stderr), 2 usage, 77 the validator is not installed (ctest
// reports the test as skipped; `npm ci` in tools/openapi installs it).
'use strict';

const path = require('path');

let SwaggerParser;
try {
  SwaggerParser = require('@apidevtools/swagger-parser');
} catch (e) {
  console.error('SKIP: @apidevtools/swagger-parser is not installed; run `npm ci` in ' +
                (path.relative(process.cwd(), __dirname) || '.'));
  process.exit(77);
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: validate.js <openapi.yaml>');
    process.exit(2);
  }
  try {
    const api = await SwaggerParser.validate(file);
    const operations = Object.values(api.paths || {})
      .flatMap((item) => Object.keys(item).filter((k) =>
        ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(k)));
    console.log(`${file}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths || {}).length} ` +
                `paths, ${operations.length} operations`);
  } catch (err) {
    console.error(`${file}: INVALID`);
    const details = err.details || [];
    if (details.length) {
      for (const d of details) console.error(`  ${(d.path || []).join('/')}: ${d.message}`);
    } else {
      console.error(`  ${err.message}`);
    }
    process.exit(1);
  }
}

main();
