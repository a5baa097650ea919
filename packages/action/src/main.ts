import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import {
  type Audit,
  auditLockfiles,
  currentFindings,
  describeAdvisoryData,
  findingsAtOrAbove,
  LockfileError,
  PolicyError,
  renderMarkdown,
  renderSarif,
  renderText,
  SEVERITIES,
  toJsonReport,
} from '@runtime-guard/core';
import { planAnnotations } from './annotations.js';
import { boundMessage } from './bounds.js';
import { type CommentResult, upsertStickyComment } from './comment.js';
import { actionDocsBaseUrl } from './docs-url.js';
import { ActionError } from './errors.js';
import { type Revisions, resolveRevisions } from './event.js';
import { createClient, describeRequestError, httpStatus, isRateLimit, waitUnitMs } from './github.js';
import { type Inputs, readInputs } from './inputs.js';
import { type GatheredLockfiles, gatherLockfiles, type RepoAccess } from './lockfiles.js';
import { readPolicy } from './policy.js';
import { type RepoFiles, short, workspaceFiles } from './repo-files.js';
import { writeReport, writeSarif } from './report-output.js';
import { registerSecret, scrub } from './scrub.js';
import { collectSuggestions, postSuggestionReview } from './suggestions.js';
import { auditSummary, failureSummary, summaryNote } from './summary.js';

/**
 * The whole step: inputs → lockfiles (base and head) → audit → outputs, annotations, job summary →
 * sticky comment → pass or fail per `fail-on`. Never throws: every problem ends as a failed step
 * with a message, and the summary and outputs are written before the comment is attempted.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    core.setSecret(inputs.token);
    registerSecret(inputs.token);
    const revisions = resolveRevisions(env, {
      ...(inputs['base-ref'] ? { baseRef: inputs['base-ref'] } : {}),
      ...(inputs['head-ref'] ? { headRef: inputs['head-ref'] } : {}),
    });
    const access: RepoAccess = {
      workspace: env.GITHUB_WORKSPACE || process.cwd(),
      client: createClient(inputs.token, waitUnitMs(env)),
      ...repository(env.GITHUB_REPOSITORY),
    };
    await audit(inputs, revisions, access, actionDocsBaseUrl(env));
  } catch (error) {
    const message = boundMessage(failureMessage(error));
    core.setFailed(message);
    await writeSummary(failureSummary(message));
  }
}

async function audit(inputs: Inputs, revisions: Revisions, access: RepoAccess, docsBaseUrl: string): Promise<void> {
  core.info(`runtime-guard on Node.js ${process.version}`);
  core.info(
    revisions.base !== undefined
      ? `${revisions.event}: comparing ${short(revisions.base)} (base) with ${short(revisions.head)} (head)`
      : `${revisions.event}: auditing ${short(revisions.head)} (no base to compare with)`,
  );
  const gathered = await gatherLockfiles(inputs.lockfiles, revisions, access);
  logUntrusted(`Lockfiles from ${gathered.headFiles.description}: ${gathered.inputs.map((input) => input.path).join(', ')}`);
  const loaded = await readPolicy(inputs.policy, policyPlaces(gathered, revisions, access));
  core.info(loaded ? `Policy: ${loaded.path}` : 'Policy: none found, using the defaults');

  // Only this input needs the advisory-db reader: loaded on demand, never on the default path.
  const advisories = inputs['advisory-db']
    ? await (await import('./advisory-db.js')).readAdvisoryCheckout(access.workspace, inputs['advisory-db'])
    : undefined;
  const inputsWithPolicy = gathered.inputs.map((input) => ({ ...input, policyFile: loaded?.path ?? null }));
  const result = auditLockfiles(inputsWithPolicy, loaded?.policy, {
    diff: revisions.base !== undefined,
    docsBaseUrl,
    ...(advisories ? { advisories } : {}),
  });
  if (result.advisoryData) core.info(`Advisory data: ${describeAdvisoryData(result.advisoryData)}`);
  logUntrusted(renderText(result, { color: false }));
  const counted = currentFindings(result);
  const temporary = process.env.RUNNER_TEMP || tmpdir();
  const report = await writeReport(toJsonReport(result), temporary);
  core.setOutput('report', scrub(report.inline));
  core.setOutput('report-file', report.file);
  if (report.problem) core.warning(report.problem);
  const sarif = await writeSarif(renderSarif(result), temporary);
  core.setOutput('sarif', sarif.file);
  if (sarif.problem) core.warning(sarif.problem);
  core.setOutput('introduced', counted.length);
  // Per severity, what counts (introduced in a diff, present in a full audit), each finding grouped
  // under another at its own severity, as the annotations show them.
  const everyCounted = counted.flatMap((finding) => [finding, ...finding.related]);
  for (const severity of SEVERITIES) {
    core.setOutput(`${severity}s`, everyCounted.filter((finding) => finding.severity === severity).length);
  }
  core.setOutput('rules', [...new Set(everyCounted.map((finding) => finding.rule))].sort().join(','));
  core.setOutput('runtimes', runtimeFamilies(result).join(','));
  core.setOutput('comment-url', '');

  const { annotations, leftOut } = planAnnotations(result);
  const annotate = { error: core.error, warning: core.warning, notice: core.notice };
  for (const { severity, title, message, file, line } of annotations) {
    annotate[severity](message, { title, file, ...(line !== undefined ? { startLine: line } : {}) });
  }
  const unreadable = result.unreadable ?? [];
  for (const { path, error } of unreadable) {
    core.error(error.message, {
      title: 'runtime-guard: lockfile could not be read',
      file: path,
      ...(error.line ? { startLine: error.line } : {}),
    });
  }
  const notes =
    leftOut > 0
      ? [
          `${leftOut} more findings are not annotated (GitHub shows at most 10 of each kind per step); the step log lists all, and so does the JSON report (\`report-file\` output).`,
        ]
      : [];
  await writeSummary(auditSummary(result, notes, REST_OF_THE_REPORT));

  if (revisions.pullRequest) {
    const commented = await comment(inputs, revisions.pullRequest.number, result, counted.length > 0 || unreadable.length > 0, access);
    // `comment: never` keeps the pull request's conversation silent: no review either. A refused
    // comment (a fork's token) has had its one warning: the review would be refused the same way.
    if (inputs.suggestions && inputs.comment !== 'never' && commented !== 'refused') {
      // An earlier sticky comment means earlier runs, which may have left a review to tidy up.
      const earlierRun = commented === 'updated' || commented === 'unchanged';
      await suggest(inputs, { number: revisions.pullRequest.number, commit: revisions.head }, result, access, earlierRun);
    }
  }

  // An input error fails the step, but only now: the comment, summary and outputs cover every lockfile.
  if (unreadable.length > 0) {
    core.setFailed(
      `runtime-guard: ${unreadable.length} lockfile${unreadable.length === 1 ? '' : 's'} could not be read: ${unreadable
        .map(({ error }) => error.message)
        .join('; ')}`,
    );
    return;
  }

  const failing = findingsAtOrAbove(result, inputs['fail-on']);
  if (failing.length > 0) {
    const what = revisions.base !== undefined ? 'introduced by this change' : 'found';
    core.setFailed(
      boundMessage(
        `runtime-guard: ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above "${inputs['fail-on']}" ${what}: ${failing
          .slice(0, 5)
          .map((finding) => `${finding.rule} ${finding.crate} ${finding.version}`)
          .join('; ')}${failing.length > 5 ? '; …' : ''}`,
      ),
    );
  }
}

/**
 * Where the policy file may be: the workspace, and — when the head is not checked out — the
 * repository through the API at a trusted revision: the base under pull_request_target (the pull
 * request must not be able to loosen its own policy), the head otherwise.
 */
function policyPlaces(gathered: GatheredLockfiles, revisions: Revisions, access: RepoAccess): RepoFiles[] {
  const places = [workspaceFiles(access.workspace)];
  if (!gathered.headInWorkspace) {
    const trusted = revisions.event === 'pull_request_target' ? (gathered.baseFiles ?? gathered.headFiles) : gathered.headFiles;
    places.push(trusted);
  }
  return places;
}

/**
 * Writes the sticky comment and says what happened to it; `refused` when GitHub refused it (the
 * warning is given), so nothing else is tried.
 */
async function comment(
  inputs: Inputs,
  issueNumber: number,
  result: Audit,
  introduced: boolean,
  access: RepoAccess,
): Promise<CommentResult['action'] | 'refused'> {
  if (inputs.comment === 'never') return 'none';
  const mode = inputs.comment === 'always' || introduced ? 'create-or-update' : 'update-only';
  let outcome: CommentResult;
  try {
    outcome = await upsertStickyComment(
      access.client,
      { owner: access.owner, repo: access.repo, issueNumber },
      renderMarkdown(result),
      mode,
      inputs['comment-author'],
    );
  } catch (error) {
    const warning = boundMessage(commentWarning(issueNumber, error));
    core.warning(warning);
    await writeSummary(summaryNote(warning));
    return 'refused';
  }
  if (outcome.url) core.setOutput('comment-url', outcome.url);
  core.info(
    outcome.action === 'none'
      ? 'Nothing introduced and no earlier comment: not commenting.'
      : `Pull request comment ${outcome.action}: ${outcome.url}`,
  );
  return outcome.action;
}

/**
 * Posts the exact Cargo.toml edits as one review with suggestion blocks on the lines the pull request
 * changed (replacing this action's earlier suggestions and marking its earlier reviews superseded or
 * resolved). The sticky comment already shows every edit as a diff block, so a refused review (a
 * fork's read-only token: 403; a line GitHub will not take: 422) is one warning, never a failed step.
 */
async function suggest(
  inputs: Inputs,
  pull: { number: number; commit: string },
  result: Audit,
  access: RepoAccess,
  earlierRun: boolean,
): Promise<void> {
  const suggestions = collectSuggestions(result);
  // No exact edit and no earlier run whose review could need tidying: no API call.
  if (suggestions.length === 0 && !earlierRun) return;
  try {
    const outcome = await postSuggestionReview(
      access.client,
      { owner: access.owner, repo: access.repo, pullNumber: pull.number, commit: pull.commit },
      suggestions,
      inputs['comment-author'],
    );
    if (outcome.posted > 0 || outcome.removed > 0 || outcome.retired > 0) {
      core.info(
        `Review suggestions: ${outcome.posted} posted, ${outcome.removed} earlier ones removed, ${outcome.retired} earlier reviews marked ${outcome.posted > 0 ? 'superseded' : 'resolved'}.`,
      );
    }
  } catch (error) {
    const status = httpStatus(error);
    const why =
      status === 403
        ? 'the token cannot write reviews (expected for a pull request from a fork)'
        : status === 422
          ? 'GitHub did not accept the review (a line outside the diff, or the head moved on)'
          : describeRequestError(error);
    const warning = boundMessage(
      `runtime-guard could not post its suggestions on pull request #${pull.number} (${why}). The fixes are in the sticky comment as diff blocks.`,
    );
    core.warning(warning);
    await writeSummary(summaryNote(warning));
  }
}

function commentWarning(issueNumber: number, error: unknown): string {
  const status = httpStatus(error);
  if (status === 401) {
    return (
      `runtime-guard could not comment on pull request #${issueNumber} (${describeRequestError(error)}): GitHub refused the token ` +
      '(bad credentials: expired, revoked or mistyped). Check the `token` input. The report is in this job summary and in the `report` output.'
    );
  }
  if (isRateLimit(error)) {
    return (
      `runtime-guard could not comment on pull request #${issueNumber} (${describeRequestError(error)}): the token is rate limited ` +
      'and the wait was longer than runtime-guard waits. The next run will update the comment. The report is in this job summary and in the `report` output.'
    );
  }
  if (status === 403) {
    return (
      `runtime-guard could not comment on pull request #${issueNumber} (${describeRequestError(error)}). ` +
      'The token cannot write to pull requests: expected for a pull request from a fork under `pull_request`. ' +
      'Fix it either by running on `pull_request_target` (see the README for the safe pattern), or by granting ' +
      '`permissions: pull-requests: write` to the job. The report is in this job summary and in the `report` output.'
    );
  }
  return `runtime-guard could not comment on pull request #${issueNumber} (${describeRequestError(error)}). The report is in this job summary and in the \`report\` output.`;
}

/**
 * Logs text that carries lockfile content (paths, crate names) with workflow commands switched off,
 * so a directory named `::error::…` or a crafted name cannot set outputs or annotations.
 */
function logUntrusted(text: string): void {
  const resume = randomUUID();
  core.info(`::stop-commands::${resume}`);
  core.info(text);
  core.info(`::${resume}::`);
}

function runtimeFamilies(result: Audit): string[] {
  const families = new Set<string>();
  for (const { diff } of result.lockfiles) {
    for (const runtime of diff.head.runtimes) if (runtime.evidence === 'executor') families.add(runtime.family);
  }
  return [...families].sort();
}

function repository(value: string | undefined): { owner: string; repo: string } {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value ?? '');
  if (!match) throw new ActionError(`GITHUB_REPOSITORY is ${JSON.stringify(value ?? '')}: expected "owner/name".`);
  return { owner: match[1] as string, repo: match[2] as string };
}

function failureMessage(error: unknown): string {
  if (error instanceof ActionError || error instanceof LockfileError || error instanceof PolicyError) return error.message;
  const status = httpStatus(error);
  if (status !== undefined) return `runtime-guard: the GitHub API failed (${describeRequestError(error)})`;
  core.debug((error as Error)?.stack ?? String(error));
  return `runtime-guard: unexpected error: ${(error as Error)?.message ?? String(error)}`;
}

/** Where a report cut to fit GitHub's limits sends the reader. */
const REST_OF_THE_REPORT =
  'The step log lists every finding, and the full JSON report is the file named by the `report-file` output (under RUNNER_TEMP).';

/** Appends to the job summary; a summary that cannot be written (no GITHUB_STEP_SUMMARY) is a warning, not a failure. */
async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(scrub(markdown)).write();
  } catch (error) {
    core.warning(`runtime-guard could not write the job summary: ${(error as Error).message}`);
  }
}
