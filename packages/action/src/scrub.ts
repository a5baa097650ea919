/**
 * Takes secrets out of text the action writes. `core.setSecret` masks the log, but not the job
 * summary, the outputs or a file: an API error body that echoes the token must not carry it there.
 */
const secrets = new Set<string>();

/** Remembers a secret (the token) so every later {@link scrub} removes it. */
export function registerSecret(secret: string): void {
  // A very short "secret" would blank ordinary words; real tokens are long.
  if (secret.length >= 8) secrets.add(secret);
}

/** The text with every registered secret replaced by `***`. */
export function scrub(text: string): string {
  let clean = text;
  for (const secret of secrets) clean = clean.split(secret).join('***');
  return clean;
}
