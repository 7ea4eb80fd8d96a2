# The command-line tool (`airlock`): the text report of `verify`, the output and errors of every
# command, and `--help`. The verdict, its reason and the findings are in findings.ftl.
# Machine-readable output (`verify --json`, `hash`) is never translated. Every id starts with
# `cli-`: all files of a language share one Fluent namespace (findings.ftl, page.ftl).

## Text report of `airlock verify`

# One line per entry: its path and how it came out.
cli-report-entry = { $path }: { $status }
# An entry nothing could check, as `sha256sum` prints it: its SHA-256 and its path.
cli-report-entry-unchecked = { $actual }  { $path }
cli-entry-status-ok = OK
cli-entry-status-mismatch = FAILED (hash mismatch)
cli-entry-status-missing = FAILED (missing)
cli-entry-status-extra = FAILED (not in the list)
cli-entry-status-problem = FAILED (see below)
cli-entry-status-meta = list/signature

# Section labels; the values after them are aligned on the longest label.
cli-report-label-bundle = Bundle:
cli-report-label-signature = Signature:
cli-report-label-image = Image:
cli-report-label-expected = Expected:
cli-report-label-module = Module:
cli-report-label-key = Key:
cli-report-label-summary = Summary:

cli-report-bundle = { $name } ({ $format }, { $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    })
cli-report-bundle-sha256 = SHA-256 { $sha256 }
# The bundle's format when it is a word (tar.gz and tar stay as they are).
cli-bundle-format-directory = directory
cli-bundle-format-files = files

cli-report-signature = { $file } ({ $format }, { $algorithm }) key { $key }: { $status }
cli-sig-format-minisign = minisign
cli-sig-format-signify = signify
cli-sig-format-signify-embedded = signify, embedded
cli-sig-format-ssh = ssh
cli-sig-format-openpgp = openpgp
cli-sig-format-openpgp-cleartext = openpgp, cleartext
cli-sig-status-valid = good signature, trusted key
cli-sig-status-valid-untrusted = good signature, UNTRUSTED key
cli-sig-status-unknown-key = unknown key
cli-sig-status-invalid = BAD SIGNATURE
cli-sig-status-unmatched = covers nothing given
cli-report-signature-covers = covers { $file }
cli-report-signature-principal = principal { $principal }
cli-report-signature-fingerprint = primary key fingerprint { $fingerprint }
cli-report-signature-user-id = user ID { $user_id }
cli-report-signature-comment = trusted comment: { $comment }

cli-report-image = { $tags } ({ $format }): { $status }
cli-image-untagged = untagged
cli-image-status-ok = digests match
cli-image-status-mismatch = DIGEST MISMATCH
cli-image-status-not-carried = not carried
cli-image-status-unchecked = not checked
cli-report-image-in = in { $root }
cli-report-image-id = image ID { $id }
cli-report-image-platform = platform { $platform }
cli-report-image-pinned = pinned by expected digest { $digest }
# An expected digest (--expect-digest) and what it pins.
cli-report-expected = { $digest }: { $status }
cli-expected-pins = pins { $images }
cli-expected-none = MATCHES NO IMAGE
cli-report-image-layer = layer { $number }: { $digest } ({ $compression }) -> { $uncompressed }: { $status }

cli-report-module = { $path } { $version }: { $status } (zip { $zip }, tree { $tree }, go.sum { $go_sum })
cli-module-status-ok = hashes match
cli-module-status-mismatch = HASH MISMATCH
cli-module-status-not-carried = not carried
cli-module-status-unchecked = nothing to compare with

cli-report-key = { $key } ({ $format }) from { $origin }: { $trust }
cli-key-trusted = trusted
cli-key-not-trusted = not trusted
# Where a key typed on the command line (`--trusted-key RW…`) came from.
cli-key-origin-command-line = command line

cli-report-finding = { $severity } [{ $code }]: { $message }
cli-severity-error = error
cli-severity-problem = problem
cli-severity-warning = warning
cli-severity-info = info

cli-report-summary = { $entries ->
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
cli-report-verdict = { $verdict }: { $reason }
cli-hint-trust-key = hint: no key is trusted; pass the release key you got from a trusted source with --trusted-key KEY

## keygen, pack

cli-keygen-key-id = Key ID { $id }
cli-keygen-public = Public key: { $path } (give this to reviewers; pin it with --trusted-key)
cli-keygen-secret = Secret key: { $path } (unencrypted: keep it offline)
cli-pack-done = { $path }: { $files ->
        [one] { $files } file
       *[other] { $files } files
    }, SHA256SUMS signed by key { $id }

## Errors and warnings (stderr). $detail is the system's own text (an I/O error, a decoder's).

cli-error-line = airlock: { $message }
cli-error-unknown-lang = unknown language “{ $tag }” for --lang; available: { $available }
cli-error-unknown-command = unknown command “{ $name }”; the commands are: { $commands }
cli-error-read = cannot read { $path }: { $detail }
cli-error-read-link = cannot read link { $path }: { $detail }
cli-error-hash = { $path }: { $detail }
cli-error-read-trusted-key = cannot read trusted key { $path }: { $detail }
cli-error-bad-trusted-key = bad trusted key { $key }: { $detail }
cli-error-bad-expected-digest = --expect-digest: { $detail }
cli-warning-trusted-key-note = trusted key { $key }, { $note }.
cli-error-write-report = cannot write the report: { $detail }
cli-error-write-output = cannot write the output: { $detail }
cli-error-no-randomness = no randomness available: { $detail }
cli-error-exists = { $path } already exists; refusing to overwrite it
cli-error-create = cannot create { $path }: { $detail }
cli-error-write = cannot write { $path }: { $detail }
cli-error-read-secret-key = cannot read secret key { $path }: { $detail }
cli-error-bad-secret-key = bad secret key { $path }: { $detail }
cli-error-sign = cannot sign { $path }: { $detail }
cli-error-not-a-folder = { $path } is not a folder
cli-error-pack-reserved = { $path } already holds { $name }; pack writes it
cli-error-special-file = { $path } is a device, FIFO or socket; a bundle cannot hold it

## --help

cli-help-about = Verify offline bundles (tar.gz + SHA256SUMS + minisign/signify signature) in one streaming pass
cli-help-after = Exit status: 0 verified; 1 failed or unsigned; 2 error or bad usage.
cli-help-usage = Usage:
cli-help-heading-commands = Commands
cli-help-heading-arguments = Arguments
cli-help-heading-options = Options
cli-help-flag = Print help (see more with '--help')
cli-help-flag-long = Print help (see a summary with '-h')
cli-help-flag-short = Print help
cli-help-version = Print version
cli-help-command = Print this message or the help of the given subcommand(s)
cli-help-command-arg = Print help for the subcommand(s)
cli-help-lang = Language of the messages ({ $languages }); default: from LC_ALL, LC_MESSAGES or LANG. The output of --json and hash never changes with it.
cli-help-verify = Verify a bundle (tar, tar.gz or folder) with its checksum list and signature.
cli-help-verify-long = PATHs are the bundle plus any detached lists, signatures and keys, in any order; what each one is comes from its content. Only --trusted-key keys are trusted.
cli-help-verify-paths = The bundle and any detached SHA256SUMS, .minisig, .sig or .pub files.
cli-help-verify-trusted-key = A public key to trust: a minisign/signify .pub file or a bare `RW…` key (repeatable).
cli-help-verify-expect-digest = A digest you expect a container image of the bundle to have, from the deployment manifest: its image ID or manifest digest, sha256:<64 hex> (repeatable). A match vouches for the image as a trusted key vouches for a list; a digest that matches no image fails.
cli-help-verify-json = Print the report as JSON (schema 1).
cli-help-verify-quiet = Print only entries that are not OK.
cli-help-verify-max-entries = Most archive entries accepted (default: { $default }).
cli-help-verify-max-path-len = Longest path accepted, in bytes (default: { $default }).
cli-help-keygen = Create a minisign key pair: NAME.pub and NAME.key (unencrypted, like `minisign -G -W`).
cli-help-keygen-output = Base name of the two files.
cli-help-sign = Sign files with a minisign secret key, writing FILE.minisig (prehashed) next to each.
cli-help-sign-key = The secret key file (from `airlock keygen` or `minisign -G -W`).
cli-help-sign-comment = Trusted comment (signed); default: timestamp and file name.
cli-help-sign-files = The files to sign.
cli-help-pack = Make a reproducible signed bundle: DIR's files plus SHA256SUMS and SHA256SUMS.minisig in one top folder named after DIR.
cli-help-pack-dir = The folder to pack.
cli-help-pack-output = Where to write the .tar.gz.
cli-help-pack-key = The secret key to sign SHA256SUMS with.
cli-help-pack-comment = Trusted comment for SHA256SUMS.minisig; default names the bundle (and the time from SOURCE_DATE_EPOCH, when set).
cli-help-hash = Print SHA-256 checksums in `sha256sum` format.
cli-help-hash-files = The files to hash.
