export const id = 811;
export const ids = [811];
export const modules = {

/***/ 6811:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readAdvisoryCheckout: () => (/* binding */ readAdvisoryCheckout)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ../core/dist/advisories/database.js
/** A database over advisories already read (from a checkout given at run time). */
function advisoryDatabaseFrom(advisories, source) {
    const all = byCrate(advisories);
    const informational = byCrate(advisories.filter((advisory) => advisory.kind !== 'vulnerability'));
    return {
        source: { ...source, count: advisories.length },
        advisoriesFor: (crate, query) => (query?.vulnerabilities === false ? informational : all).get(crate) ?? [],
    };
}
function byCrate(advisories) {
    const map = new Map();
    for (const advisory of advisories) {
        const list = map.get(advisory.package);
        if (list)
            list.push(advisory);
        else
            map.set(advisory.package, [advisory]);
    }
    return map;
}
//# sourceMappingURL=database.js.map
// EXTERNAL MODULE: ../../node_modules/.pnpm/smol-toml@1.9.1/node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3069);
// EXTERNAL MODULE: ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/mini/schemas.js + 3 modules
var schemas = __webpack_require__(397);
// EXTERNAL MODULE: ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.js
var core = __webpack_require__(8149);
// EXTERNAL MODULE: ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/api.js + 1 modules
var api = __webpack_require__(7317);
// EXTERNAL MODULE: ../core/dist/zod-check.js
var zod_check = __webpack_require__(3624);
;// CONCATENATED MODULE: ../core/dist/advisories/errors.js
/** An advisory file runtime-guard cannot read: which file, which key, what was expected. */
class AdvisoryDataError extends Error {
    file;
    key;
    problem;
    name = 'AdvisoryDataError';
    constructor(file, key, problem) {
        super(`${file}${key ? `: ${key}` : ''}: ${problem}`);
        this.file = file;
        this.key = key;
        this.problem = problem;
    }
}
//# sourceMappingURL=errors.js.map
// EXTERNAL MODULE: ../core/dist/advisories/ranges.js
var ranges = __webpack_require__(9858);
;// CONCATENATED MODULE: ../core/dist/advisories/parse.js





let frontMatterSchema;
function buildSchema() {
    const isoDay = schemas/* pipe */.FsL(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* date */.p6U()]), schemas/* transform */.pdi((value, context) => {
        const day = value instanceof Date ? value.toISOString().slice(0, 10) : value;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
            context.issues.push({ code: 'custom', message: 'must be a date written YYYY-MM-DD', input: value });
            return core/* NEVER */.tm;
        }
        return day;
    }));
    const requirement = schemas/* string */.YjP().check(schemas/* superRefine */.zni((value, context) => {
        try {
            (0,ranges/* parseRequirement */.pP)(value);
        }
        catch (error) {
            context.addIssue({ code: 'custom', message: error.message });
        }
    }));
    const strings = () => schemas/* _default */.Rvf(schemas/* array */.YOg(schemas/* string */.YjP()), []);
    return schemas/* object */.Ikc({
        advisory: schemas/* object */.Ikc({
            id: schemas/* string */.YjP().check(api/* _regex */.Fk(/^RUSTSEC-\d{4}-\d{4}$/, 'must be RUSTSEC-YYYY-NNNN')),
            package: schemas/* string */.YjP().check(api/* _regex */.Fk(/^[A-Za-z0-9_-]+$/, 'must be a crate name')),
            date: isoDay,
            informational: schemas/* optional */.lqM(schemas/* enum */.k5n(['unmaintained', 'unsound', 'notice'])),
            withdrawn: schemas/* optional */.lqM(isoDay),
            url: schemas/* optional */.lqM(schemas/* string */.YjP()),
            aliases: strings(),
            license: schemas/* optional */.lqM(schemas/* string */.YjP()),
        }),
        affected: schemas/* _default */.Rvf(schemas/* object */.Ikc({
            os: strings(),
            arch: strings(),
            functions: schemas/* _default */.Rvf(schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* array */.YOg(requirement)), {}),
        }), { os: [], arch: [], functions: {} }),
        versions: schemas/* object */.Ikc({ patched: schemas/* array */.YOg(requirement), unaffected: schemas/* _default */.Rvf(schemas/* array */.YOg(requirement), []) }),
    });
}
/**
 * Reads one advisory file: the ```toml front matter (validated with zod), the Markdown title and
 * the alternatives the text names. Pure.
 *
 * @throws {AdvisoryDataError} naming the file and the key that is wrong.
 */
function parseAdvisoryFile(file) {
    const match = /^\s*```toml\r?\n([\s\S]*?)\r?\n```[^\n]*\n?([\s\S]*)$/.exec(file.text);
    if (!match)
        throw new AdvisoryDataError(file.path, undefined, 'has no ```toml front matter block at its start');
    const [, toml = '', body = ''] = match;
    let raw;
    try {
        raw = (0,dist/* parse */.qg)(toml);
    }
    catch (error) {
        throw new AdvisoryDataError(file.path, undefined, `front matter is not valid TOML: ${error.message.split('\n')[0]}`);
    }
    frontMatterSchema ??= buildSchema();
    const result = (0,zod_check/* zodCheck */.M)(frontMatterSchema, raw);
    if (!result.success) {
        const issue = result.error.issues[0];
        throw new AdvisoryDataError(file.path, issue?.path.join('.'), issue?.message ?? 'is not a valid advisory');
    }
    const { advisory, affected, versions } = result.data;
    const expectedName = file.path.replace(/\\/g, '/').split('/').pop();
    if (expectedName?.startsWith('RUSTSEC-') && expectedName !== `${advisory.id}.md`) {
        throw new AdvisoryDataError(file.path, 'advisory.id', `is ${advisory.id}, but the file is named ${expectedName}`);
    }
    const title = /^#\s+(.+?)\s*$/m.exec(body)?.[1] ?? '';
    return {
        id: advisory.id,
        package: advisory.package,
        date: advisory.date,
        kind: advisory.informational ?? 'vulnerability',
        ...(advisory.withdrawn ? { withdrawn: advisory.withdrawn } : {}),
        patched: versions.patched,
        unaffected: versions.unaffected,
        os: affected.os,
        arch: affected.arch,
        functions: Object.keys(affected.functions),
        aliases: advisory.aliases,
        ...(advisory.url ? { url: advisory.url } : {}),
        title,
        ...(advisory.license ? { license: advisory.license } : {}),
        alternatives: alternativesIn(body, advisory.package),
    };
}
/**
 * Crate names linked (crates.io, lib.rs, docs.rs) where the text offers alternatives: under a heading
 * or a lead-in line that mentions an alternative, or on a line that says "instead", "superseded",
 * "migrate" or "available as". The advisory's own crate is left out.
 */
function alternativesIn(body, self) {
    const names = [];
    let inSection = false;
    for (const line of body.split('\n')) {
        const heading = /^#{1,6}\s+(.*)$/.exec(line) ?? /^\s*\**((?:possible |recommended |maintained )?alternatives?\b[^:]*):\**\s*$/i.exec(line);
        if (heading) {
            inSection = /alternative|replacement|instead/i.test(heading[1] ?? '');
            continue;
        }
        if (!inSection && !/alternative|instead|superseded|migrat|available as/i.test(line))
            continue;
        for (const link of line.matchAll(/https?:\/\/(?:crates\.io\/crates|lib\.rs\/crates|lib\.rs|docs\.rs)\/([A-Za-z0-9_-]+)/g)) {
            const name = link[1];
            if (name && name !== self && !names.includes(name))
                names.push(name);
        }
    }
    return names;
}
/** Reads every advisory file, in a stable order (by id). Pure. @throws {AdvisoryDataError} on the first bad file. */
function parseAdvisoryFiles(files) {
    return files.map(parseAdvisoryFile).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
//# sourceMappingURL=parse.js.map
;// CONCATENATED MODULE: ../core/dist/advisories/read.js


/**
 * Advisory data from the files of an advisory-db checkout (`crates/*\/RUSTSEC-*.md`, texts read by
 * the caller), to use instead of the bundled snapshot. Pure. The date is the checkout's commit date
 * when the caller knows it, otherwise the newest advisory's.
 *
 * @throws {AdvisoryDataError} naming the file and key of the first advisory that cannot be read.
 * @example
 * const advisories = readAdvisoryDatabase(files, { commit, date: '2026-11-30' });
 * auditLockfiles(inputs, policy, { advisories });
 */
function readAdvisoryDatabase(files, origin = {}) {
    const advisories = parseAdvisoryFiles(files);
    const newest = advisories
        .map((advisory) => advisory.date)
        .sort()
        .at(-1) ?? '0000-00-00';
    return advisoryDatabaseFrom(advisories, {
        kind: 'checkout',
        ...(origin.commit ? { commit: origin.commit } : {}),
        date: origin.date ?? newest,
    });
}
//# sourceMappingURL=read.js.map
// EXTERNAL MODULE: ./lib/confine-path.js
var confine_path = __webpack_require__(5479);
// EXTERNAL MODULE: ./lib/errors.js
var errors = __webpack_require__(3088);
;// CONCATENATED MODULE: ./lib/advisory-db.js







/**
 * Reads the `advisory-db` input: a rustsec/advisory-db checkout inside the workspace (a step before
 * runs actions/checkout with `repository: rustsec/advisory-db`). Loaded with import() only when the
 * input is set. Symbolic links are not followed out of the workspace; the date is the checkout's
 * last commit when git can tell, otherwise the newest advisory's.
 */
async function readAdvisoryCheckout(workspace, path) {
    const root = await (0,confine_path/* confinedPath */.O)(workspace, path);
    const crates = root === undefined ? undefined : await (0,confine_path/* confinedPath */.O)(workspace, (0,external_node_path_.join)(path, 'crates'));
    if (root === undefined || crates === undefined) {
        throw new errors/* ActionError */.l(`Input "advisory-db" is "${path}": no crates/ folder there; check out https://github.com/rustsec/advisory-db to that path first.`);
    }
    const files = [];
    for (const crate of (await (0,promises_.readdir)(crates, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()) {
        const names = (await (0,promises_.readdir)((0,external_node_path_.join)(crates, crate), { withFileTypes: true }))
            .filter((entry) => entry.isFile() && /^RUSTSEC-\d{4}-\d{4}\.md$/.test(entry.name))
            .map((entry) => entry.name)
            .sort();
        for (const name of names) {
            const relative = (0,external_node_path_.join)(path, 'crates', crate, name);
            files.push({ path: relative, text: await (0,promises_.readFile)((0,external_node_path_.join)(crates, crate, name), 'utf8') });
        }
    }
    if (files.length === 0)
        throw new errors/* ActionError */.l(`Input "advisory-db" is "${path}": crates/ holds no RUSTSEC-*.md advisory.`);
    try {
        return readAdvisoryDatabase(files, await gitOrigin(root));
    }
    catch (error) {
        if (error instanceof AdvisoryDataError)
            throw new errors/* ActionError */.l(`Input "advisory-db": ${error.message}`);
        throw error;
    }
}
async function gitOrigin(root) {
    try {
        const { stdout } = await (0,external_node_util_.promisify)(external_node_child_process_.execFile)('git', ['-C', root, 'log', '-1', '--format=%H %cs'], { encoding: 'utf8' });
        const [commit, date] = stdout.trim().split(' ');
        return commit && date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { commit, date } : {};
    }
    catch {
        return {};
    }
}
//# sourceMappingURL=advisory-db.js.map

/***/ })

};
