import { parse as parseToml, TomlError } from 'smol-toml';
import type { core } from 'zod/mini';
import { zodCheck } from '../zod-check.js';
import { ManifestError } from './errors.js';
import { DependencyLineCollector, type DependencyLines, lineOf, locateDependencies, tableId } from './lines.js';
import { dirOf } from './paths.js';
import { checkManifestShape, type ManifestShape, manifestShape } from './shape.js';
import { readTomlSubset } from './toml-subset.js';

/** One Cargo.toml, parsed and validated but not yet joined to its workspace. */
export interface ParsedManifest {
  readonly file: string;
  readonly dir: string;
  readonly data: ManifestShape;
  /** Lines of dependency declarations, by table and key ({@link DependencyLines}). */
  readonly lines: DependencyLines;
}

/**
 * Parses one Cargo.toml text. Pure.
 *
 * @throws {ManifestError} naming the file, line and key when the text is not TOML or a key Cargo
 * reads for dependencies has the wrong type.
 */
export function parseManifest(file: string, text: string): ParsedManifest {
  // The subset reader returns smol-toml's value or declines; smol-toml reads the rest and words errors.
  // As it reads, it shows the line collector the lines that locateDependencies would act on.
  const collector = new DependencyLineCollector(text);
  let raw: unknown = readTomlSubset(text, collector);
  let lines: DependencyLines = collector.lines;
  if (raw === undefined) {
    try {
      raw = parseToml(text);
    } catch (error) {
      if (error instanceof TomlError) {
        throw new ManifestError(file, `not valid TOML: ${error.message.split('\n')[0]}`, { line: error.line });
      }
      throw error;
    }
    lines = locateDependencies(text);
  }
  const checked = checkManifestShape(raw);
  if (checked) return { file, dir: dirOf(file), data: checked, lines };
  const result = zodCheck(manifestShape(), raw);
  if (!result.success) throw shapeError(file, result.error, lines);
  return { file, dir: dirOf(file), data: result.data, lines };
}

function shapeError(file: string, error: core.$ZodError, lines: DependencyLines): ManifestError {
  const issue = error.issues[0] as core.$ZodIssue;
  const path = issue.path.map(String);
  const key = path.join('.');
  // A bad dependency entry: find its line from the table and key.
  let line: number | undefined;
  for (let split = 1; split < path.length && line === undefined; split++) {
    line = lineOf(lines, tableId(path.slice(0, split)), path[split] as string);
  }
  const expected =
    issue.code === 'invalid_union'
      ? 'expected a version string or a dependency table ({ version, path, features, optional, … })'
      : issue.code === 'invalid_type'
        ? `expected ${issue.expected}`
        : issue.message;
  return new ManifestError(file, expected, { ...(line ? { line } : {}), key });
}
