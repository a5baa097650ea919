import { showInvisible } from './visible.js';

/**
 * Makes text from a lockfile inert in GitHub Markdown: no HTML, no links or autolinks, no @mentions,
 * no emphasis, no table breaks, no new lines. Used for every name, version, source and message.
 */
export function escapeMarkdown(text: string): string {
  return (
    showInvisible(text.replace(/[\r\n\t\u2028\u2029]+/g, ' '))
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Quotes mean nothing outside an HTML attribute, and an apostrophe as `&#39;` would have its `#`
      // escaped below and show as `&#39;`: both stay as they are.
      // Backslash-escape every character Markdown gives a meaning to, including table pipes.
      .replace(/[\\`*_{}[\]()#+\-.!|~=^]/g, '\\$&')
      // A word joiner after @ and inside "://" and "www." stops mentions and autolinks.
      .replace(/@/g, '@\u2060')
      .replace(/:\/\//g, ':\u2060//')
      .replace(/www\\\./gi, (match) => `${match.slice(0, 3)}\u2060${match.slice(3)}`)
  );
}

/**
 * Text from a lockfile as an inline code span. In a table cell (`inTableCell`), `|` is escaped as
 * GFM asks; elsewhere the backslash would show, so it is not.
 */
export function codeSpan(text: string, inTableCell = false): string {
  const visible = showInvisible(text.replace(/[\r\n\t\u2028\u2029]+/g, ' '));
  const flat = inTableCell ? visible.replace(/\|/g, '\\|') : visible;
  // A code span needs a fence longer than any run of backticks inside it.
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * {@link escapeMarkdown}, except that a backtick-quoted word from `codeWords` (feature names from the
 * knowledge base, never lockfile text) becomes a code span. Anything else, backticks included, is
 * escaped as text: a lockfile name with backticks cannot make code spans of its own.
 *
 * @example escapeMarkdownWithCode('from `runtime-async-std` to `runtime-tokio`', new Set(['runtime-async-std', 'runtime-tokio']))
 */
export function escapeMarkdownWithCode(text: string, codeWords: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/`([^`]+)`/g)) {
    const word = match[1] as string;
    if (!codeWords.has(word)) continue;
    out += escapeMarkdown(text.slice(last, match.index)) + codeSpan(word);
    last = match.index + match[0].length;
  }
  return out + escapeMarkdown(text.slice(last));
}

/**
 * A fenced code block whose fence no text inside can close: backticks one longer than the longest
 * run of backticks in `text` (at least three). Invisible characters are shown as escapes.
 *
 * @example codeBlock('diff', '- a = "1"\n+ a = "2"') // "```diff\n- a = \"1\"\n+ a = \"2\"\n```"
 */
export function codeBlock(language: string, text: string): string {
  const body = text
    .replace(/\r/g, '')
    .split('\n')
    .map((line) => showInvisible(line))
    .join('\n');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/** The lines of `before` and `after` as a unified diff body (`-` and `+` lines). */
export function diffLines(before: string, after: string): string {
  return [...before.split('\n').map((line) => `-${line}`), ...after.split('\n').map((line) => `+${line}`)].join('\n');
}
