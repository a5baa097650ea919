import { parse as parseToml } from 'smol-toml';
import { manifestIn } from '../manifest/paths.js';
import type { PackageManifest, Workspace } from '../manifest/types.js';
import type { FeatureSwitch } from './runtime.js';

/**
 * One exact change to a Cargo.toml: lines `line`..`endLine` (1-based, inclusive) read `before` now
 * and should read `after`. Quoted from the manifest as read, so a review suggestion can replace them.
 */
export interface ManifestEdit {
  /** Repository-relative path of the Cargo.toml (`api/Cargo.toml`). */
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  readonly before: string;
  readonly after: string;
  /** Features the edit takes out of the declaration, each named in the advice (defaults turned off: `defaultFeaturesOff`). */
  readonly removes: readonly string[];
  /** Features the edit adds. */
  readonly adds: readonly string[];
  /** True when the edit turns the crate's default features off. */
  readonly defaultFeaturesOff: boolean;
  /** With `defaultFeaturesOff`: the crate's default features not listed again (the runtime ones), named in the advice. */
  readonly droppedDefaults: readonly string[];
}

/** Why no exact edit could be given for a declaration: the advice then describes the change. */
export type EditFallback =
  | 'no-declaration' // the member's manifest has no line naming the dependency
  | 'not-enabled-here' // the declaration does not enable the runtime feature: it comes from elsewhere
  | 'unreadable-form'; // the declaration is in a form this reader does not rewrite

const DEPENDENCY_KIND_ORDER = { normal: 0, build: 1, dev: 2 } as const;

/**
 * The exact edit of `member`'s declaration of `dependency` (a package name; renames are matched by
 * package) that applies `change`, or the reason there is none. Follows `workspace = true` to the root
 * manifest's `[workspace.dependencies]` line unless the member's own line names the feature to drop.
 * Handles `key = "1.0"`, `key = { … }` (also with arrays over several lines) and `[dependencies.key]`
 * tables. Keeps every other feature; the features it removes are listed in `removes`.
 *
 * @example
 * manifestEdit(workspace, 'api', 'lettre', change);
 * // { file: 'api/Cargo.toml', line: 31, before: 'lettre = "0.10"', after: 'lettre = { version = "0.10", … }', … }
 */
export function manifestEdit(
  workspace: Workspace,
  member: string,
  dependency: string,
  change: FeatureSwitch,
  crateDefaults: readonly string[] = [],
): ManifestEdit | EditFallback {
  const pkg = packageNamed(workspace, member);
  const declarations = (pkg?.dependencies ?? [])
    .filter((item) => item.name === dependency && item.line > 0)
    .sort(
      (a, b) =>
        Number(a.target !== undefined) - Number(b.target !== undefined) || DEPENDENCY_KIND_ORDER[a.kind] - DEPENDENCY_KIND_ORDER[b.kind],
    );
  const declaration = declarations[0];
  if (!pkg || !declaration) return 'no-declaration';
  const own = readDeclaration(workspace, pkg.file, declaration.line);
  if (!own) return 'unreadable-form';
  if (declaration.inheritedLine !== undefined) {
    // The member's line adds features to the workspace's; defaults are the workspace line's.
    if (own.features.some((feature) => change.disable.includes(feature)))
      return rewrite(own, change, false, crateDefaults) ?? 'unreadable-form';
    if (declaration.inheritedLine === 0) return 'no-declaration';
    const inherited = readDeclaration(workspace, manifestIn(workspace.root), declaration.inheritedLine);
    if (!inherited) return 'unreadable-form';
    return rewrite(inherited, change, true, crateDefaults) ?? 'not-enabled-here';
  }
  return rewrite(own, change, true, crateDefaults) ?? 'not-enabled-here';
}

function packageNamed(workspace: Workspace, name: string): PackageManifest | undefined {
  return workspace.members.find((member) => member.name === name) ?? [...workspace.packages.values()].find((pkg) => pkg.name === name);
}

/** A declaration as written: its lines and its value (a version string or a table). */
interface Declaration {
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  readonly lines: readonly string[];
  readonly form: 'string' | 'inline' | 'table';
  /** `lettre = ` with its indentation, for the string and inline forms. */
  readonly lead: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly features: readonly string[];
}

/** How many lines an inline table may span (arrays inside it may break lines). */
const MAX_DECLARATION_LINES = 40;

function readDeclaration(workspace: Workspace, file: string, line: number): Declaration | undefined {
  const text = workspace.texts.get(file);
  if (text === undefined) return undefined;
  const all = text.split('\n').map((item) => item.replace(/\r$/, ''));
  const first = all[line - 1];
  if (first === undefined) return undefined;
  if (first.trimStart().startsWith('[')) {
    // `[dependencies.key]`: the table runs to the next header; trailing blank and comment lines stay out.
    let end = line;
    while (end < all.length && !(all[end] as string).trimStart().startsWith('[')) end++;
    while (end > line && /^\s*(#.*)?$/.test(all[end - 1] as string)) end--;
    const body = all.slice(line, end);
    const value = parseValue(body.join('\n'));
    if (!value) return undefined;
    return { file, line, endLine: end, lines: all.slice(line - 1, end), form: 'table', lead: '', value, features: featuresOf(value) };
  }
  const equals = first.indexOf('=');
  if (equals < 0) return undefined;
  for (let end = line; end < Math.min(all.length, line - 1 + MAX_DECLARATION_LINES) + 1; end++) {
    const lines = all.slice(line - 1, end);
    const parsed = parseValue(lines.join('\n'));
    if (!parsed) continue;
    const entries = Object.values(parsed);
    if (entries.length !== 1) return undefined;
    const entry = entries[0];
    const lead = `${first.slice(0, equals).trimEnd()} = `;
    if (typeof entry === 'string')
      return { file, line, endLine: end, lines, form: 'string', lead, value: { version: entry }, features: [] };
    if (!isTable(entry)) return undefined;
    return { file, line, endLine: end, lines, form: 'inline', lead, value: entry, features: featuresOf(entry) };
  }
  return undefined;
}

function parseValue(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function featuresOf(value: Readonly<Record<string, unknown>>): string[] {
  return Array.isArray(value.features) ? value.features.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * The edit of one declaration, or undefined when it does not enable the runtime to remove. With
 * `ownsDefaults` false (a member's `workspace = true` line) its defaults are not its to turn off.
 */
function rewrite(
  declaration: Declaration,
  change: FeatureSwitch,
  ownsDefaults: boolean,
  crateDefaults: readonly string[],
): ManifestEdit | undefined {
  const { value, features } = declaration;
  const defaultsOn = (value['default-features'] ?? value.default_features) !== false && value.workspace !== true;
  const named = features.filter((feature) => change.disable.includes(feature));
  const turnDefaultsOff = ownsDefaults && defaultsOn && change.defaultFeaturesOff;
  if (named.length === 0 && !turnDefaultsOff) return undefined;
  const adds: string[] = [];
  const add = (feature: string) => {
    if (!features.includes(feature) && !adds.includes(feature)) adds.push(feature);
  };
  for (const feature of named) add(change.enable[change.disable.indexOf(feature)] as string);
  if (named.length === 0) add(change.enable[0] as string);
  if (turnDefaultsOff) for (const feature of change.keepDefaults) add(feature);
  const kept = features.filter((feature) => !named.includes(feature));
  const newFeatures = [...kept, ...adds];
  const after = render(declaration, newFeatures, turnDefaultsOff);
  return {
    file: declaration.file,
    line: declaration.line,
    endLine: declaration.endLine,
    before: declaration.lines.join('\n'),
    after,
    removes: named,
    adds,
    defaultFeaturesOff: turnDefaultsOff,
    droppedDefaults: turnDefaultsOff
      ? crateDefaults.filter((feature) => !change.keepDefaults.includes(feature) && !newFeatures.includes(feature))
      : [],
  };
}

const FEATURE_KEYS = new Set(['features', 'default-features', 'default_features']);

function render(declaration: Declaration, features: readonly string[], defaultsOff: boolean): string {
  const featureText = `[${features.map((feature) => tomlString(feature)).join(', ')}]`;
  if (declaration.form === 'table') {
    const [header, ...body] = declaration.lines;
    const kept: string[] = [];
    let depth = 0;
    for (const line of body) {
      if (depth > 0) {
        depth += bracketBalance(line);
        continue;
      }
      const key = /^\s*["']?([A-Za-z0-9_-]+)["']?\s*=/.exec(line)?.[1];
      if (key !== undefined && FEATURE_KEYS.has(key)) {
        if (key === 'features') depth = Math.max(0, bracketBalance(line));
        continue;
      }
      kept.push(line);
    }
    const defaults = defaultsOff || (declaration.value['default-features'] ?? declaration.value.default_features) === false;
    return [header, ...kept, ...(defaults ? ['default-features = false'] : []), `features = ${featureText}`].join('\n');
  }
  // Inline: the keys in their order, the feature keys set (added after `version`, or at the end).
  const entries: [string, string][] = Object.entries(declaration.value)
    .filter(([key]) => key !== 'default_features')
    .map(([key, item]) => [key, tomlValue(item)]);
  const set = (key: string, text: string) => {
    const at = entries.findIndex(([name]) => name === key);
    if (at >= 0) entries[at] = [key, text];
    else {
      const after = entries.findIndex(([name]) => name === 'version' || name === 'workspace');
      const featuresAt = entries.findIndex(([name]) => name === 'features');
      const position = key === 'default-features' && featuresAt >= 0 ? featuresAt : after >= 0 ? after + 1 : entries.length;
      entries.splice(key === 'features' ? entries.length : position, 0, [key, text]);
    }
  };
  const hadDefaultsOff = (declaration.value['default-features'] ?? declaration.value.default_features) === false;
  if (defaultsOff || hadDefaultsOff) set('default-features', 'false');
  set('features', featureText);
  return `${declaration.lead}{ ${entries.map(([key, text]) => `${tomlKey(key)} = ${text}`).join(', ')} }`;
}

function bracketBalance(line: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#') break;
    else if (char === '[') balance++;
    else if (char === ']') balance--;
  }
  return balance;
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** A TOML basic string: JSON's escapes are TOML's for every character JSON escapes. */
function tomlString(text: string): string {
  return JSON.stringify(text);
}

function tomlValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (isTable(value))
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${tomlKey(key)} = ${tomlValue(item)}`)
      .join(', ')} }`;
  return tomlString(String(value));
}

/** Where `member` declares `dependency` (its first normal declaration), when the manifests say. */
export function declarationSite(workspace: Workspace, member: string, dependency: string): { file: string; line: number } | undefined {
  const pkg = packageNamed(workspace, member);
  const declaration = (pkg?.dependencies ?? [])
    .filter((item) => item.name === dependency && item.line > 0)
    .sort((a, b) => DEPENDENCY_KIND_ORDER[a.kind] - DEPENDENCY_KIND_ORDER[b.kind])[0];
  return pkg && declaration ? { file: pkg.file, line: declaration.line } : undefined;
}
