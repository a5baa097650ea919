// Preloaded (`node -r`) into a process the bench measures: at exit, appends the process's CPU time (user +
// system, all threads, ms) and its age (ms since Node started) to the file $BENCH_CPU_FILE, one JSON line.
// Both variants of a comparison carry it, so its own small cost cancels out of the difference.
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  const cpu = process.cpuUsage();
  appendFileSync(process.env.BENCH_CPU_FILE, `${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, aliveMs: performance.now() })}\n`);
});
