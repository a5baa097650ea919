/**
 * Characters that change how text around them looks, or hide: C0 and C1 controls (ESC starts
 * terminal escapes, BEL rings, NUL cuts), bidirectional overrides and isolates (U+202E turns
 * `gnp.exe` around), zero-width spaces, joiners and marks, the BOM, and interlinear annotations.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]/g;

/**
 * Replaces invisible and control characters with a visible escape, `\u{202e}`, so a reader sees
 * that they are there. Used for terminal output (CLI), and before Markdown escaping for comments and
 * job summaries.
 *
 * @example showInvisible('evil\u202egnp.exe') // 'evil\\u{202e}gnp.exe'
 */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (character) => `\\u{${(character.codePointAt(0) as number).toString(16)}}`);
}
