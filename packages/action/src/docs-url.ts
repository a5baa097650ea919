import { DOCS_BASE_URL } from '@runtime-guard/core';

/**
 * Where the Action's findings link for rule docs: the core README in the Action's own repository at
 * the ref the workflow uses (`uses: owner/repo@v1` → `…/blob/v1/packages/core/README.md`), so a link
 * always shows the rules of the version that ran. GitHub sets GITHUB_ACTION_REPOSITORY and
 * GITHUB_ACTION_REF for a repository action; a local action (`uses: ./`) has neither, and gets the
 * package's homepage.
 */
export function actionDocsBaseUrl(env: NodeJS.ProcessEnv): string {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repository = env.GITHUB_ACTION_REPOSITORY ?? '';
  const ref = env.GITHUB_ACTION_REF ?? '';
  if (!/^https?:\/\/[^\s/]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^[\w./-]+$/.test(ref) || ref.includes('..')) {
    return DOCS_BASE_URL;
  }
  return `${server}/${repository}/blob/${ref}/packages/core/README.md`;
}
