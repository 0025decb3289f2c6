#!/usr/bin/env node
// `onegate-agent` of the npm package (the packages install the single executable instead).
require('./start.cjs')('onegate-agent', require('../dist/onegate-agent.cjs'));
