# The command-line tool (`airlock`): the text report of `verify`, the output and errors of every
# command, and `--help`. The verdict, its reason and the findings are in findings.ftl.
# Machine-readable output (`verify --json`, `hash`) is never translated.

## Text report of `airlock verify`

# One line per entry: its path and how it came out.
report-entry = { $path }: { $status }
# An entry nothing could check, as `sha256sum` prints it: its SHA-256 and its path.
report-entry-unchecked = { $actual }  { $path }
entry-status-ok = OK
entry-status-mismatch = FAILED (hash mismatch)
entry-status-missing = FAILED (missing)
entry-status-extra = FAILED (not in the list)
entry-status-problem = FAILED (see below)
entry-status-meta = list/signature

# Section labels; the values after them are aligned on the longest label.
report-label-bundle = Bundle:
report-label-signature = Signature:
report-label-image = Image:
report-label-module = Module:
report-label-key = Key:
report-label-summary = Summary:

report-bundle = { $name } ({ $format }, { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    })
report-bundle-sha256 = SHA-256 { $sha256 }
# The bundle's format when it is a word (tar.gz and tar stay as they are).
bundle-format-directory = directory
bundle-format-files = files

report-signature = { $file } ({ $format }, { $algorithm }) key { $key }: { $status }
sig-format-minisign = minisign
sig-format-signify = signify
sig-format-signify-embedded = signify, embedded
sig-format-ssh = ssh
sig-format-openpgp = openpgp
sig-format-openpgp-cleartext = openpgp, cleartext
sig-status-valid = good signature, trusted key
sig-status-valid-untrusted = good signature, UNTRUSTED key
sig-status-unknown-key = unknown key
sig-status-invalid = BAD SIGNATURE
sig-status-unmatched = covers nothing given
report-signature-covers = covers { $file }
report-signature-principal = principal { $principal }
report-signature-fingerprint = primary key fingerprint { $fingerprint }
report-signature-user-id = user ID { $user_id }
report-signature-comment = trusted comment: { $comment }

report-image = { $tags } ({ $format }): { $status }
image-untagged = untagged
image-status-ok = digests match
image-status-mismatch = DIGEST MISMATCH
image-status-not-carried = not carried
image-status-unchecked = not checked
report-image-id = image ID { $id }
report-image-platform = platform { $platform }
report-image-layer = layer { $number }: { $digest } ({ $compression }) -> { $uncompressed }: { $status }

report-module = { $path } { $version }: { $status } (zip { $zip }, tree { $tree }, go.sum { $go_sum })
module-status-ok = hashes match
module-status-mismatch = HASH MISMATCH
module-status-not-carried = not carried
module-status-unchecked = nothing to compare with

report-key = { $key } ({ $format }) from { $origin }: { $trust }
key-trusted = trusted
key-not-trusted = not trusted
# Where a key typed on the command line (`--trusted-key RW…`) came from.
key-origin-command-line = command line

report-finding = { $severity } [{ $code }]: { $message }
severity-error = error
severity-problem = problem
severity-warning = warning
severity-info = info

report-summary = { $entries ->
        [one] { $entries } entry
       *[other] { $entries } entries
    }: { $ok } OK, { $mismatch } mismatched, { $missing } missing, { $extra } extra; { $problems ->
        [one] { $problems } problem
       *[other] { $problems } problems
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }; { $bytes ->
        [one] { $bytes } byte
       *[other] { $bytes } bytes
    } read in { $ms } ms
# The last line: the verdict's word (findings.ftl, in capitals) and the reason.
report-verdict = { $verdict }: { $reason }
hint-trust-key = hint: no key is trusted; pass the release key you got from a trusted source with --trusted-key KEY

## keygen, pack

keygen-key-id = Key ID { $id }
keygen-public = Public key: { $path } (give this to reviewers; pin it with --trusted-key)
keygen-secret = Secret key: { $path } (unencrypted: keep it offline)
pack-done = { $path }: { $files ->
        [one] { $files } file
       *[other] { $files } files
    }, SHA256SUMS signed by key { $id }

## Errors and warnings (stderr). $detail is the system's own text (an I/O error, a decoder's).

error-line = airlock: { $message }
error-unknown-lang = unknown language “{ $tag }” for --lang; available: { $available }
error-unknown-command = unknown command “{ $name }”; the commands are: { $commands }
error-read = cannot read { $path }: { $detail }
error-read-link = cannot read link { $path }: { $detail }
error-hash = { $path }: { $detail }
error-read-trusted-key = cannot read trusted key { $path }: { $detail }
error-bad-trusted-key = bad trusted key { $key }: { $detail }
warning-trusted-key-note = trusted key { $key }, { $note }.
error-write-report = cannot write the report: { $detail }
error-write-output = cannot write the output: { $detail }
error-no-randomness = no randomness available: { $detail }
error-exists = { $path } already exists; refusing to overwrite it
error-create = cannot create { $path }: { $detail }
error-write = cannot write { $path }: { $detail }
error-read-secret-key = cannot read secret key { $path }: { $detail }
error-bad-secret-key = bad secret key { $path }: { $detail }
error-sign = cannot sign { $path }: { $detail }
error-not-a-folder = { $path } is not a folder
error-pack-reserved = { $path } already holds { $name }; pack writes it
error-special-file = { $path } is a device, FIFO or socket; a bundle cannot hold it

## --help

help-about = Verify offline bundles (tar.gz + SHA256SUMS + minisign/signify signature) in one streaming pass
help-after = Exit status: 0 verified; 1 failed or unsigned; 2 error or bad usage.
help-usage = Usage:
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-flag = Print help (see more with '--help')
help-flag-long = Print help (see a summary with '-h')
help-flag-short = Print help
help-version = Print version
help-command = Print this message or the help of the given subcommand(s)
help-command-arg = Print help for the subcommand(s)
help-lang = Language of the messages ({ $languages }); default: from LC_ALL, LC_MESSAGES or LANG. The output of --json and hash never changes with it.
help-verify = Verify a bundle (tar, tar.gz or folder) with its checksum list and signature.
help-verify-long = PATHs are the bundle plus any detached lists, signatures and keys, in any order; what each one is comes from its content. Only --trusted-key keys are trusted.
help-verify-paths = The bundle and any detached SHA256SUMS, .minisig, .sig or .pub files.
help-verify-trusted-key = A public key to trust: a minisign/signify .pub file or a bare `RW…` key (repeatable).
help-verify-json = Print the report as JSON (schema 1).
help-verify-quiet = Print only entries that are not OK.
help-verify-max-entries = Most archive entries accepted (default: { $default }).
help-verify-max-path-len = Longest path accepted, in bytes (default: { $default }).
help-keygen = Create a minisign key pair: NAME.pub and NAME.key (unencrypted, like `minisign -G -W`).
help-keygen-output = Base name of the two files.
help-sign = Sign files with a minisign secret key, writing FILE.minisig (prehashed) next to each.
help-sign-key = The secret key file (from `airlock keygen` or `minisign -G -W`).
help-sign-comment = Trusted comment (signed); default: timestamp and file name.
help-sign-files = The files to sign.
help-pack = Make a reproducible signed bundle: DIR's files plus SHA256SUMS and SHA256SUMS.minisig in one top folder named after DIR.
help-pack-dir = The folder to pack.
help-pack-output = Where to write the .tar.gz.
help-pack-key = The secret key to sign SHA256SUMS with.
help-pack-comment = Trusted comment for SHA256SUMS.minisig; default names the bundle (and the time from SOURCE_DATE_EPOCH, when set).
help-hash = Print SHA-256 checksums in `sha256sum` format.
help-hash-files = The files to hash.
