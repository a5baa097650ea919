// The entry ncc bundles: a CommonJS bundle (bundle/index.cjs), which the bin runs with V8's code cache
// on every Node (bin/code-cache.cjs).
require('../dist/main.js');
