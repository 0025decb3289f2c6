#!/usr/bin/env node
// `onegate` of the npm package (the packages install the single executable instead).
require('./start.cjs')('onegate', require('../dist/onegate.cjs'));
