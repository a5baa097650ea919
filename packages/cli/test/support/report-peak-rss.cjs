// Preloaded with `node -r` into a process under test: prints its peak resident set size at exit,
// so a test can bound the memory of a real CLI run without timing it.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kib=${process.resourceUsage().maxRSS}\n`);
});
