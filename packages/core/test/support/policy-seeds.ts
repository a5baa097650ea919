/** A policy with every table: the policy tests read it exactly, the fuzzer starts from it. */
export const FULL_POLICY = `# runtime-guard.toml
runtime = "tokio"
allowed-runtimes = ["tokio"]

[severity]
framework-runtime-mismatch = "error"
discouraged-crate = "notice"

[[discouraged]]
crate = "openssl"
versions = "*"
reason = "we standardise on rustls"
use-instead = ["rustls"]
since = 2026-01-01

[[allow]]
crate = "async-std"
versions = "1"
reason = "zbus pulls it in until its tokio feature lands"
expires = 2027-01-31
via = ["zbus"]
rules = ["multiple-runtimes", "discouraged-crate", "disallowed-runtime"]
`;

/** Policy files the fuzzer starts from: every key and table the format has. */
export const POLICY_SEEDS: readonly string[] = [
  '',
  'runtime = "tokio"\n',
  'runtime = "async-std"\nallowed-runtimes = ["async-std", "smol"]\n',
  FULL_POLICY,
  `[severity]
multiple-runtimes = "error"
runtime-version-split = "warning"
disallowed-runtime = "error"
framework-runtime-mismatch = "notice"
discouraged-crate = "off"
expired-exception = "warning"

[[discouraged]]
crate = "openssl"
versions = "*"
reason = "we standardise on rustls"
use-instead = ["rustls"]
advisory = "RUSTSEC-2026-0001"
`,
  `[[allow]]
crate = "tokio"
versions = ">=0.2, <0.3"
reason = "legacy"
expires = 2020-01-01
`,
];
