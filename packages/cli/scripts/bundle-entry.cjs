// The entry ncc bundles: a CommonJS bundle (bundle/index.cjs), which the bin can compile with a V8
// code cache on Node 20 as well (bin/code-cache.js); Node 22+ caches it itself.
require('../dist/main.js');
