# The offline page (site/): every word it shows besides the engine's findings and reasons
# (findings.ftl). Rendered in the page by @fluent/bundle with the same settings as the engine (no
# isolation marks). Text between backticks (`SHA256SUMS`) is shown as code. Names from a bundle
# reach these messages as parameters and are shown as text, hidden characters made visible.

## The page around the report

page-title = Airlock — verify an offline bundle
skip-link = Skip to the result
tagline = Verify an offline bundle. Nothing leaves this computer.
noscript = This page needs JavaScript and WebAssembly to check bundles. Nothing is sent anywhere: it works offline.
footer-note = Airlock checks files inside this page with WebAssembly; it makes no network connection.
language-switch =
    .aria-label = Language
# $theme: auto, light or dark
theme-button = Theme: { $theme ->
        [light] light
        [dark] dark
       *[auto] auto
    }
    .aria-label = Colour theme: { $theme ->
        [light] light
        [dark] dark
       *[auto] auto
    }. Press to change.
# A control or bidi character in a name, shown as an escape; $code: its code point (hex).
hidden-character =
    .title = hidden character U+{ $code } in the original
# $version, $commit, $wasm, $rustc, $fluent (the @fluent/bundle version), $keys: the build's
# provenance (commit, digest and keys shown as code)
provenance = This page: airlock { $version } · source commit { $commit } · wasm module SHA-256 { $wasm } ({ $rustc }) · Fluent { $fluent } · pinned keys: { $keys }
pinned-ids-none = none
pinned-id-unreadable = unreadable ({ $origin })

## Inputs

inputs-title = Bundle and files
drop-title = Drop the bundle and its files here
drop-hint = A `.tar.gz`, `.tgz` or `.tar` (or an unpacked folder), with any checksum list (`SHA256SUMS`), signature (`.minisig`, `.sig`) and public key (`.pub`) that came with it.
pick-files = Choose files…
pick-folder = Choose a folder…
clear = Clear
files-input =
    .aria-label = Files to check
folder-input =
    .aria-label = Folder to check
input-list =
    .aria-label = Files handed over
# $files: how many files; $size: their size (already formatted)
input-folder = folder, { $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $size }
input-public-key = public key { $id }
input-remove = ×
    .title = Remove
    .aria-label = Remove { $name }
one-title = Check a single file against a published SHA-256
one-file = File
one-sha = SHA-256
one-sha-input =
    .placeholder = 64 hexadecimal digits, or a sha256sum line
one-check = Check this file

## Keys

keys-title = Trusted keys
session-keys-title = Keys handed over in this session
session-keys-none = None yet. A public key file (`.pub`) you drop is listed here.
pinned-none = This page has no pinned keys. A public key handed over with the bundle is listed below with its ID, but not trusted: a key on the same stick as the bundle proves nothing. Compare its ID with the one the release engineer published, and only then switch it on; the report then says “session key, not pinned in this page”.
pinned-some = This page trusts { $count ->
        [one] this key
       *[other] these keys
    }, built into it when it was made:
pinned-badge = pinned
pinned-unreadable = A pinned key cannot be read ({ $origin }): { $error }. This page is damaged; get a good copy.
pinned-reading = Reading pinned key { $origin }…
pinned-not-a-key = this is not a public key Airlock reads (minisign, signify, SSH or an OpenPGP certificate)
expected-title = Expected image digests
expected-line-bad = Expected image digests, line { $line }: { $detail }.
expected-hint = From the deployment manifest, one per line: an image ID or manifest digest, `sha256:` and 64 hexadecimal digits. An image that has one is vouched for as a trusted key vouches for a list; a digest that no image in the bundle has fails the check.
session-trusted = trusted this session
session-not-trusted = not trusted
session-switch = Trust this key for this session

## Progress and the page's own verdicts

progress-title = Checking…
cancel = Cancel
working-title = Checking…
working-reason = Reading every byte and comparing it with the checksum list. Nothing leaves this computer.
progress-starting = Starting…
# $done, $total, $rate: sizes, already formatted
progress-done = { $done } of { $total }
progress-rate = { $rate }/s
progress-finishing = finishing
progress-left = about { $time } left
idle-title = Nothing checked yet
idle-reason = Drop a bundle, or choose files, to check it against its signed checksum list.
cancelled-title = Cancelled — nothing was verified
cancelled-reason = You stopped the check before it finished, so nothing has been verified.
verifier-stopped = The verifier stopped.
cannot-run-title = The verifier cannot run
# $detail: what the browser or the engine said (quoted as it is)
error-start = The verifier could not start: { $detail }
error-worker = the verifier's worker failed
error-not-running = the verifier is not running
error-internal = Internal error in the verifier: { $detail }
error-no-wasm = This browser lacks WebAssembly or Web Workers, which the verifier needs.
error-damaged = The verifier will not run: its wasm module has SHA-256 { $actual }, not the { $stated } it states. This page is damaged; get a good copy.
error-pinned = The pinned keys could not be read: { $detail }

## The verdict

result =
    .aria-label = Result
banner-verified = Verified
banner-failed = Failed — do not use this bundle
banner-failed-file = Failed — do not use this file
banner-unsigned = Unsigned — integrity only
banner-error = Could not verify
# A single file checked against a pasted SHA-256; $banner: one of the banners above
banner-single = Single file: { $banner }
trust-session = Trusted because you switched on a session key, not pinned in this page: { $keys }. Make sure it is the release engineer’s key.
export-json = Export JSON report
print = Print report
save-sums = Save SHA256SUMS
# The counts line: parts joined by list-separator, then how much was read in how long.
list-separator = {", "}
counts-entries = { $n ->
        [one] { $n } entry
       *[other] { $n } entries
    }
counts-ok = { $n } OK
counts-mismatch = { $n } mismatched
counts-missing = { $n } missing
counts-extra = { $n } not in the list
counts-problems = { $n ->
        [one] { $n } problem
       *[other] { $n } problems
    }
counts-warnings = { $n ->
        [one] { $n } warning
       *[other] { $n } warnings
    }
counts-line = { $parts }. Read { $size } in { $took }.

## Sizes and durations

size-bytes = { $n ->
        [one] { $n } byte
       *[other] { $n } bytes
    }
# $size: the size in kB/MB/GB; $n: the exact number of bytes
size-with-bytes = { $size } ({ $n } bytes)
duration-ms = { $n } ms
duration-s = { $n } s
duration-min = { $n } min
duration-h = { $n } h
duration-under-second = under a second

## Bundle, inputs, signatures, lists

bundle-title = Bundle
bundle-hash-label = SHA-256 of the bundle file — compare it with the published value
copy = Copy
copied = Copied
copy-selected = Selected: press Ctrl+C
inputs-heading = Inputs
fact-name = Name
fact-format = Format
fact-size = Size
fact-top-folder = Top folder
fact-bundle = Bundle
bundle-none = none found among the inputs
bundle-format-directory = folder (unpacked bundle)
signatures-title = Signatures
signatures-none = No signature was found among the inputs or in the bundle.
lists-title = Checksum lists
lists-none = No checksum list was found.
# $format: the list's format; $lines: its number of lines
list-line = { $format }, { $lines ->
        [one] { $lines } line
       *[other] { $lines } lines
    }, { $signed ->
        [yes] signed by a trusted key
       *[no] not signed by a trusted key
    }
fact-key-id = Key ID
fact-key = Key
fact-covers = Covers
fact-trusted-comment = Trusted comment
fact-untrusted-comment = Untrusted comment
untrusted-comment = { $comment }  (not covered by the signature)
key-unknown = no key with this ID was given
keys-known = Keys known to this check
key-trusted = trusted
key-not-trusted = not trusted

## Words for the report's values

role-bundle = bundle
role-directory = folder
role-checksum-list = checksum list
role-minisign-signature = minisign signature
role-signify-signature = signify signature
role-signify-embedded = signify signed list
role-minisign-key = minisign public key
role-signify-key = signify public key
role-ssh-signature = SSH signature
role-ssh-key = SSH public key
role-openpgp-signature = OpenPGP signature
role-openpgp-cleartext = OpenPGP signed list
role-openpgp-key = OpenPGP certificate
role-secret-key = secret key
role-go-sum = go.sum (Go module hashes)
role-file = file
kind-file = file
kind-directory = folder
kind-symlink = symbolic link
kind-hardlink = hard link
kind-char-device = character device
kind-block-device = block device
kind-fifo = FIFO
kind-other = other
status-ok = OK
status-mismatch = Hash mismatch
status-missing = Missing
status-extra = Not in the list
status-problem = Problem
status-unchecked = Not checked
status-meta = List or signature
status-structure = Folder or link
severity-error = Error
severity-problem = Problem
severity-warning = Warning
severity-info = Note
key-source-pinned = pinned in this page
key-source-command-line = given with --trusted-key
key-source-session = session key, not pinned in this page
key-source-input = handed over with the files, not trusted
sig-status-valid = Valid, by a trusted key
sig-status-valid-untrusted = Valid, but the key is not trusted
sig-status-unknown-key = Signed by an unknown key
sig-status-invalid = BAD SIGNATURE: does not verify
sig-status-unmatched = The file it covers was not found
sig-format-minisign = minisign
sig-format-signify = signify
sig-format-signify-embedded = signify, list embedded
sig-format-ssh = SSH
sig-format-openpgp = OpenPGP
sig-format-openpgp-cleartext = OpenPGP, cleartext-signed list
image-status-ok = Digests match
image-status-mismatch = DIGEST MISMATCH
image-status-not-carried = Not carried
image-status-unchecked = Not checked
module-status-ok = Hashes match

## Findings, images, Go modules

findings-title = Findings
findings-title-count = Findings ({ $count })
findings-more = and { $n } more: every finding is in the JSON report.
images-title = Images
images-title-count = Images ({ $count })
images-intro = Container images in the bundle, checked by the digests they carry. Tags and names come from the archive: no signature covers them.
images-more = and { $n } more: every image is in the JSON report.
fact-image-id = Image ID
fact-manifest = Manifest
fact-platform = Platform
fact-pinned-by = Pinned by
image-format-in = { $format }, in { $root }
image-untagged = untagged
layer-number = #
layer-stored = Layer as stored
layer-uncompressed = Uncompressed
layer-diff-id = Config diff_id
layer-status = Status
gomod-title = Go modules
gomod-title-count = Go modules ({ $count })
gomod-intro = Modules of a Go module cache in the bundle: the h1: hash of each zip, extracted tree and go.mod, against its .ziphash and go.sum (go.sum decides).
gomod-module = Module
gomod-zip = Zip
gomod-tree = Tree
gomod-go-sum = go.sum
gomod-status = Status
gomod-more = and { $n } more: every module is in the JSON report.

## Entries

entries-title = Entries
# $n: entries in the report; $shown: entries the filter leaves
entries-count = ({ $n ->
        [one] { $n } entry
       *[other] { $n } entries
    })
entries-count-filtered = ({ $shown } of { $n })
problems-only = Problems only
entry-search =
    .placeholder = Search paths
    .aria-label = Search entries by path
entries-table =
    .aria-label = Entries
entries-viewport =
    .aria-label = Entries, use the arrow keys to move
column-status = Status
column-path = Path
column-size = Size
column-expected = Expected SHA-256
column-actual = Actual SHA-256
entries-empty = No entry matches.
fact-path = Path
fact-status = Status
fact-kind = Kind
fact-mode = Mode
fact-link-target = Link target
fact-expected = Expected SHA-256
fact-actual = Actual SHA-256

## The printed report

print-title = Airlock verification report
print-findings = Findings
print-entries = Entries
print-findings-none = None.
fact-verdict = Verdict
fact-reason = Reason
fact-checked = Checked
fact-checked-with = Checked with
checked-with = { $tool }, offline page
fact-page = Page
print-page = airlock { $version }, source commit { $commit }, wasm module SHA-256 { $wasm } ({ $rustc }), Fluent { $fluent }, pinned keys: { $keys }
print-bundle = { $name } — { $format }, { $n } bytes
print-none = none
fact-bundle-sha = Bundle SHA-256
fact-signatures = Signatures
fact-counts = Counts
print-trusted-comment = trusted comment: { $comment }
print-entries-note = This bundle has { $total } entries; printed here: the { $n } with problems. Every entry is in the JSON report.
print-column-hash = SHA-256 (actual; expected if different)
print-hash-differs = { $actual } (expected { $expected })
