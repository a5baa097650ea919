/**
 * What the bundled RustSec data adds to the CLI's start (issue 14's budget: at most 5 ms). The CLI bundle as
 * built runs against a scratch copy of itself whose two advisory strings are emptied (the generated
 * `informationalAdvisoryLines` and `vulnerabilityAdvisoryLines` return ''), the code otherwise identical
 * and never shipped. Both run as fresh processes, alternating run by run so that load from others on the
 * machine falls on both alike, on Node 20 and Node 24 (compile cache on, as the bin enables it, and off, as
 * on a runner's first run), for `--version` (start-up alone: the data is read and compiled with the bundle,
 * never run) and for an audit of the deno lockfile (start-up plus reading, matching and reporting its
 * advisories). Prints, per variant, medians and p10–p90 of wall time and of the process's CPU time
 * (bench/cpu-at-exit.cjs); what the data adds, as the difference of the medians and as the median of the
 * paired differences (the two runs of a pair ran back to back), which the verdict reads: CPU time is
 * disturbed far less than wall time by other processes on a shared machine. Then the part of start-up the
 * data's size costs, measured alone: each bundle read and compiled (not run) in fresh processes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeOf, quantile } from './cli.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_PACKAGE = join(root, 'packages/cli');
const LOCKFILE = join(root, 'packages/core/test/fixtures/corpus/deno__98f9507a.large.Cargo.lock');
const PRELOAD = fileURLToPath(new URL('./cpu-at-exit.cjs', import.meta.url));
const BUNDLE_COMPILE = fileURLToPath(new URL('./bundle-compile.mjs', import.meta.url));
const BUDGET_MS = 5;
const DATA_FUNCTIONS = ['informationalAdvisoryLines', 'vulnerabilityAdvisoryLines'];

/**
 * The bundle's text with each data function's string emptied: the literal it returns, or the literal of
 * the constant it returns (the informational string is a top-level constant); throws if the minified
 * layout is not the expected one.
 */
export function withoutAdvisoryData(bundle: string): string {
  let text = bundle;
  for (const name of DATA_FUNCTIONS) {
    const head = `function ${name}(){return`;
    const at = text.indexOf(head);
    if (at < 0) throw new Error(`the CLI bundle has no \`${head}\`: the data layout changed`);
    const literalEnd = (open: number): number => {
      let index = open + 1;
      while (index < text.length && text[index] !== text[open]) index += text[index] === '\\' ? 2 : 1;
      return index;
    };
    let open = at + head.length;
    if (text[open] !== "'" && text[open] !== '"') {
      // `return X}`: X is a constant declared as `const X='…'` (or in a declaration list, `,X='…'`).
      // Minified names repeat across scopes: the data is the longest string so declared.
      const constant = /^\s*([A-Za-z_$][\w$]*)\}/.exec(text.slice(open, open + 64))?.[1];
      const pattern = constant ? new RegExp(`(?:\\b(?:const|let|var)\\s+|,)${constant.replace(/\$/g, '\\$')}=(?=['"])`, 'g') : undefined;
      const starts = pattern ? [...text.matchAll(pattern)].map((match) => (match.index ?? 0) + match[0].length) : [];
      if (starts.length === 0) throw new Error(`the string ${name} returns is neither a literal nor a constant's: the data layout changed`);
      open = starts.reduce((best, start) => (literalEnd(start) - start > literalEnd(best) - best ? start : best));
    }
    const end = literalEnd(open);
    if (end >= text.length) throw new Error(`the string of ${name} does not end`);
    text = `${text.slice(0, open)}''${text.slice(end + 1)}`;
  }
  return text;
}

/** A copy of the CLI (bin and bundle) without the advisory data, in a temporary folder. */
function scratchCliWithoutData(): { bin: string; bundle: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'runtime-guard-no-advisories-'));
  for (const part of ['bin', 'bundle', 'package.json']) cpSync(join(CLI_PACKAGE, part), join(dir, part), { recursive: true });
  const bundle = join(dir, 'bundle/index.cjs');
  writeFileSync(bundle, withoutAdvisoryData(readFileSync(bundle, 'utf8')));
  return { bin: join(dir, 'bin/runtime-guard.cjs'), bundle, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How many rustsec-advisory findings a CLI reports on the lockfile: the check that the scratch copy really has no data. */
function advisoryFindings(node: string, bin: string): number {
  const result = spawnSync(node, [bin, 'audit', LOCKFILE, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${bin} exited with ${result.status ?? result.signal}: ${result.stderr}`);
  return (JSON.stringify(JSON.parse(result.stdout)).match(/"rustsec-advisory:RUSTSEC-/g) ?? []).length;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function sample(node: string, bin: string, args: readonly string[], env: NodeJS.ProcessEnv, cpuFile: string): Sample {
  writeFileSync(cpuFile, '');
  const start = performance.now();
  const result = spawnSync(node, ['-r', PRELOAD, bin, ...args], { env: { ...env, BENCH_CPU_FILE: cpuFile }, stdio: 'ignore' });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  const { cpuMs } = JSON.parse(readFileSync(cpuFile, 'utf8')) as { cpuMs: number };
  return { wallMs, cpuMs };
}

const summary = (values: readonly number[], digits = 0) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    spread: `${quantile(sorted, 0.1).toFixed(digits)}–${quantile(sorted, 0.9).toFixed(digits)}`,
    quartiles: `${quantile(sorted, 0.25).toFixed(1)}…${quantile(sorted, 0.75).toFixed(1)}`,
  };
};

/** Reading and compiling each bundle in fresh processes, alternating: the part of start-up the data's size costs. */
function bundleCompileRows(
  node: string,
  label: string,
  bundles: { with: string; without: string },
  runs: number,
): Record<string, string | number>[] {
  const samples = { with: [] as { readMs: number; compileMs: number }[], without: [] as { readMs: number; compileMs: number }[] };
  for (let run = 0; run < runs; run++) {
    for (const variant of run % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const)) {
      const result = spawnSync(node, [BUNDLE_COMPILE, bundles[variant]], {
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`bundle-compile.mjs exited with ${result.status ?? result.signal}: ${result.stderr}`);
      samples[variant].push(JSON.parse(result.stdout) as { readMs: number; compileMs: number });
    }
  }
  return (['with', 'without'] as const).map((variant) => {
    const read = summary(
      samples[variant].map((sample) => sample.readMs),
      1,
    );
    const compile = summary(
      samples[variant].map((sample) => sample.compileMs),
      1,
    );
    return {
      node: label,
      'advisory data': variant,
      runs,
      'read median ms': Number(read.median.toFixed(2)),
      'read p10–p90': read.spread,
      'compile median ms': Number(compile.median.toFixed(2)),
      'compile p10–p90': compile.spread,
    };
  });
}

/** Runs the comparison: `runs` pairs per Node, cache setting and command. */
export function benchAdvisoryStartup(runs: number): void {
  if (!existsSync(join(CLI_PACKAGE, 'bundle/index.cjs'))) {
    console.log('advisory data start-up: the CLI bundle is not built (pnpm build)');
    return;
  }
  const scratch = scratchCliWithoutData();
  const real = join(CLI_PACKAGE, 'bin/runtime-guard.cjs');
  const cpuFile = join(tmpdir(), `runtime-guard-cpu-${process.pid}.jsonl`);
  const rows: Record<string, string | number>[] = [];
  const compileRows: Record<string, string | number>[] = [];
  const verdicts: string[] = [];
  try {
    for (const major of [20, 24]) {
      const node = nodeOf(major);
      if (!node) {
        console.log(`advisory data start-up: no Node ${major} (npx -y node@${major} failed)`);
        continue;
      }
      const withData = advisoryFindings(node, real);
      const withoutData = advisoryFindings(node, scratch.bin);
      if (withData === 0 || withoutData !== 0)
        throw new Error(`the scratch copy still reports advisories (${withoutData}; the CLI ${withData})`);
      compileRows.push(
        ...bundleCompileRows(node, `Node ${major}`, { with: join(CLI_PACKAGE, 'bundle/index.cjs'), without: scratch.bundle }, runs),
      );
      const caches = major >= 22 ? [true, false] : [false];
      for (const cache of caches) {
        const env = cache ? process.env : { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
        for (const [command, args] of [
          ['--version', ['--version']],
          ['audit deno', ['audit', LOCKFILE, '--fail-on', 'never']],
        ] as const) {
          // Once each first: files in the page cache, and (cache on) the compiled code in Node's cache.
          sample(node, real, args, env, cpuFile);
          sample(node, scratch.bin, args, env, cpuFile);
          const samples = { with: [] as Sample[], without: [] as Sample[] };
          for (let run = 0; run < runs; run++) {
            const order = run % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
            for (const variant of order) samples[variant].push(sample(node, variant === 'with' ? real : scratch.bin, args, env, cpuFile));
          }
          const label = `Node ${major}${major >= 22 ? `, cache ${cache ? 'on' : 'off'}` : ''}`;
          const stats = {
            with: { wall: summary(samples.with.map((s) => s.wallMs)), cpu: summary(samples.with.map((s) => s.cpuMs)) },
            without: { wall: summary(samples.without.map((s) => s.wallMs)), cpu: summary(samples.without.map((s) => s.cpuMs)) },
          };
          for (const variant of ['with', 'without'] as const) {
            rows.push({
              node: label,
              command,
              'advisory data': variant,
              runs,
              'wall median ms': Number(stats[variant].wall.median.toFixed(1)),
              'wall p10–p90': stats[variant].wall.spread,
              'CPU median ms': Number(stats[variant].cpu.median.toFixed(1)),
              'CPU p10–p90': stats[variant].cpu.spread,
            });
          }
          const cpuDelta = stats.with.cpu.median - stats.without.cpu.median;
          const wallDelta = stats.with.wall.median - stats.without.wall.median;
          // Run after run the two variants ran back to back: the median of those paired differences drifts less with the machine's load.
          const paired = summary(samples.with.map((s, index) => s.cpuMs - (samples.without[index]?.cpuMs ?? Number.NaN)));
          verdicts.push(
            `${label}, ${command}: the data adds ${cpuDelta.toFixed(1)} ms CPU, ${wallDelta.toFixed(1)} ms wall (differences of medians, ${runs} runs each); ` +
              `paired CPU differences: median ${paired.median.toFixed(1)} ms, quartiles ${paired.quartiles}` +
              (command === '--version' ? ` — start-up budget ≤ ${BUDGET_MS} ms ${paired.median <= BUDGET_MS ? 'met' : 'MISSED'}` : ''),
          );
        }
      }
    }
  } finally {
    scratch.cleanup();
    rmSync(cpuFile, { force: true });
  }
  console.log(
    'advisory data and the CLI start: whole processes, the CLI bundle with its data and a scratch copy without (bench/cli-advisories.ts)',
  );
  console.table(rows);
  for (const line of verdicts) console.log(line);
  console.log(
    'the same two bundles read (UTF-8 file to string) and compiled as a module, not run, one fresh process each (bench/bundle-compile.mjs)',
  );
  console.table(compileRows);
}

// `tsx packages/core/bench/cli-advisories.ts [--quick]`: this comparison alone.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  benchAdvisoryStartup(process.argv.includes('--quick') ? 5 : 41);
}
