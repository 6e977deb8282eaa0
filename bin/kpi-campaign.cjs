#!/usr/bin/env node
'use strict';
// `npx kpi-campaign …` (issue 14, SPEC §11): runs the bundled command line, built by `npm run build:cli` (npm ci
// runs it through `prepare`).
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist-cli', 'kpi-campaign.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'kpi-campaign 尚未构建：请先运行 npm run build:cli\n' +
      'kpi-campaign is not built yet: run npm run build:cli first\n',
  );
  process.exit(2);
}
const { version } = require('../package.json');
require(bundle).run(process.argv.slice(2), version);
