import { andList } from '../rules/context.js';
import type { ManifestEdit } from './edit.js';
import { type DeclaredVia, type FeatureSwitch, type RuntimeAdvice, runtimeSwitchFor } from './runtime.js';

/** How many advice items a suggestion spells out; the JSON report's `advice` holds every one. */
export const MAX_ADVICE_IN_TEXT = 3;

/**
 * One advice item as a clause of a suggestion: "switch sqlx 0.7.4 from `runtime-async-std` to
 * `runtime-tokio` (in sqlx-example's dependency on sqlx)". `target` names the runtime to keep as
 * advice says it (`tokio 1`).
 */
export function describeAdvice(advice: RuntimeAdvice, target: string): string {
  const crate = `${advice.crate} ${advice.version}`;
  switch (advice.kind) {
    case 'switch': {
      const change = advice.switch as FeatureSwitch;
      return `switch ${crate} ${describeSwitch(change)}${where(advice)}`;
    }
    case 'replace': {
      const targets = (advice.replacement ?? []).map((item) => (item.how ? `${item.crate} ${item.how}` : item.crate));
      return `replace ${crate} (built on ${advice.remove} only) with ${targets.length > 0 ? andList(targets) : `a crate built on ${target}`}${where(advice)}`;
    }
    case 'direct': {
      const members = membersOf(advice);
      return `move ${members} from ${advice.crate} to ${target} (${advice.declaredViaCount === 1 ? 'it depends' : 'they depend'} on ${advice.crate} directly)`;
    }
    case 'unknown': {
      const members = membersOf(advice);
      const why = runtimeSwitchFor(advice.crate, advice.version)
        ? `which has runtime features, but none for ${advice.keep}`
        : 'and no crate on that path is known to switch runtimes';
      return `${members} ${advice.declaredViaCount === 1 ? 'reaches' : 'reach'} ${advice.remove} through ${crate}, ${why}: replace ${advice.crate} with a crate built on ${target}`;
    }
  }
}

/** The suggestion of a multiple-runtimes finding with advice: the first items in full, how many more. */
export function describeAdviceList(advice: readonly RuntimeAdvice[], target: string): string {
  const shown = advice.slice(0, MAX_ADVICE_IN_TEXT).map((item) => describeAdvice(item, target));
  const more = advice.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more change${more === 1 ? '' : 's'} (the JSON report's \`advice\` lists each)` : ''}`;
}

/** "from `a` to `b` (variants: `a2` to `b2`)", with the default features to turn off when they select the runtime. */
export function describeSwitch(change: FeatureSwitch): string {
  const [from, ...otherFrom] = change.disable;
  const [to, ...otherTo] = change.enable;
  const variants = otherFrom.map((feature, index) => `\`${feature}\` to \`${otherTo[index]}\``);
  const main = `from \`${from}\` to \`${to}\`${variants.length > 0 ? ` (or ${andList(variants).replace(/ and /g, ', ')} for the same TLS)` : ''}`;
  if (!change.defaultFeaturesOff) return main;
  const keep = change.keepDefaults.map((feature) => `\`${feature}\``);
  return `${main}: its default features select \`${from}\`, so set \`default-features = false\`${
    keep.length > 0 ? ` and list the defaults you use (${andList(keep)})` : ''
  }`;
}

/** "(in api's dependency on sqlx)", or how the member reaches the crate through another dependency. */
function where(advice: RuntimeAdvice): string {
  const first = advice.declaredVia[0];
  if (!first) return '';
  const others = advice.declaredViaCount - 1;
  const also = others > 0 ? `, and ${others} more member dependenc${others === 1 ? 'y' : 'ies'}` : '';
  return ` (${through(first, advice)}${also})`;
}

function through(via: DeclaredVia, advice: RuntimeAdvice): string {
  if (via.forwards === 'is-the-crate') return `in ${via.member}'s dependency on ${via.dependency}${site(via)}${editSummary(via, advice)}`;
  const direct = `${via.member} depends on it through ${via.dependency} ${via.version}${site(via)}`;
  if (via.forwards === 'own-switch' && via.ownSwitch) {
    return `${direct}, which has its own switch: change it ${describeSwitch(via.ownSwitch)}${editSummary(via, advice)}`;
  }
  return `${direct}, and nothing known passes the feature on: none does; replace ${via.dependency} or ask for a ${advice.keep} feature`;
}

/** ", in `api/Cargo.toml`, line 31" (the line that is edited: the workspace's when the member inherits it). */
function site(via: DeclaredVia): string {
  const at = via.edit ?? via.declaredAt;
  if (!at) return '';
  const inherited = via.edit && via.declaredAt && via.edit.file !== via.declaredAt.file ? ' (the workspace dependency it inherits)' : '';
  return `, in ${at.file}, line ${at.line}${inherited}`;
}

/** What the exact edit changes, every feature it takes out named; or why there is no exact edit. */
function editSummary(via: DeclaredVia, advice: RuntimeAdvice): string {
  const edit = via.edit;
  if (!edit) {
    if (via.editFallback === 'not-enabled-here')
      return `: that declaration does not enable ${advice.remove} itself, another dependency on ${via.dependency} does (cargo tree -e features -i ${via.dependency} shows which)`;
    if (via.editFallback === 'unreadable-form')
      return ': that declaration is in a form no exact edit is given for; change its features as said';
    return '';
  }
  const parts: string[] = [];
  if (edit.removes.length > 0) parts.push(`drops ${andList(edit.removes.map((feature) => `\`${feature}\``))}`);
  if (edit.adds.length > 0) parts.push(`adds ${andList(edit.adds.map((feature) => `\`${feature}\``))}`);
  if (edit.defaultFeaturesOff)
    parts.push(
      `sets \`default-features = false\`${edit.droppedDefaults.length > 0 ? ` (dropping the default ${andList(edit.droppedDefaults.map((feature) => `\`${feature}\``))})` : ''}`,
    );
  return `: the edit ${andList(parts)} and keeps every other feature`;
}

/** The exact manifest edits of a finding's advice, once each (by file and line), in advice order. */
export function adviceEdits(advice: readonly RuntimeAdvice[]): ManifestEdit[] {
  const seen = new Set<string>();
  const edits: ManifestEdit[] = [];
  for (const item of advice)
    for (const via of item.declaredVia) {
      if (!via.edit || seen.has(`${via.edit.file}\0${via.edit.line}`)) continue;
      seen.add(`${via.edit.file}\0${via.edit.line}`);
      edits.push(via.edit);
    }
  return edits;
}

function membersOf(advice: RuntimeAdvice): string {
  const names = [...new Set(advice.declaredVia.map((via) => via.member))];
  const more = advice.declaredViaCount - advice.declaredVia.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : andList(names);
}

/**
 * The words a suggestion built from `advice` sets in backticks, all from the knowledge base: what a
 * Markdown renderer may show as code (see `escapeMarkdownWithCode`).
 */
export function adviceCodeWords(advice: readonly RuntimeAdvice[]): Set<string> {
  const words = new Set<string>();
  const addSwitch = (change: FeatureSwitch | undefined) => {
    if (!change) return;
    for (const feature of [...change.disable, ...change.enable, ...change.keepDefaults]) words.add(feature);
    if (change.defaultFeaturesOff) words.add('default-features = false');
  };
  for (const item of advice) {
    addSwitch(item.switch);
    for (const via of item.declaredVia) addSwitch(via.ownSwitch);
    for (const target of item.replacement ?? [])
      for (const match of (target.how ?? '').matchAll(/`([^`]+)`/g)) words.add(match[1] as string);
  }
  if (advice.length > MAX_ADVICE_IN_TEXT) words.add('advice');
  for (const item of advice)
    for (const via of item.declaredVia) {
      if (!via.edit) continue;
      if (via.edit.defaultFeaturesOff) words.add('default-features = false');
      for (const feature of [...via.edit.removes, ...via.edit.adds, ...via.edit.droppedDefaults]) words.add(feature);
    }
  return words;
}
