# Airlock's engine: verdicts, the reason for a verdict, and every finding's sentence.
# One message per sentence; parameters are named for what they hold, with the same name
# everywhere: $path (a file or entry), $list (a checksum list), $line, $other_line, $signature
# (a signature file), $key_id, $bundle, $file, $expected, $actual, $count, $size, $limit,
# $offset, $detail (why: a nested message, or a third-party error's own text), $kind and $what
# (a nested noun, word-…), $target.
#
# Families: verdict-… (the verdict word), reason-… (why the verdict), finding-… (one finding),
# detail-… (a fragment placed in another sentence as $detail), word-… (a noun placed in
# another sentence). A reason quoting a finding receives it, rendered, as $first.

language-name = English

## Verdicts

verdict-verified = verified
verdict-failed = failed
verdict-unsigned = unsigned
verdict-error = error

## Reasons

reason-problem = { $first }
reason-problems = { $count } problems found. First: { $first }
reason-error = { $first }
reason-verified-bundle = The bundle file { $bundle } is vouched for by a trusted key: { $by }.
reason-verified-bundle-files = The bundle file { $bundle } is vouched for by a trusted key: { $by }. { $count } { $count ->
        [one] file matches
       *[other] files match
    } its checksum list.
reason-not-vouched = { $path } is not vouched for by the signed list, so the bundle cannot be verified.
reason-verified-list = { $count } { $count ->
        [one] file matches
       *[other] files match
    } the checksum list { $list }, signed by trusted key { $key_id }.
reason-unsigned-bundle = The bundle file matches the checksum list { $list }, but no signature covers it: this proves the files are intact, not who made them.
reason-unsigned-list = { $count } { $count ->
        [one] file matches
       *[other] files match
    } the checksum list, but no signature covers it: this proves the files are intact, not who made them.
reason-unsigned-images = { $count ->
        [one] The container image is
       *[other] The { $count } container images are
    } intact: every digest the archive carries matches its content ({ $images }), but no signature covers it: this proves the image is intact, not who made it.
reason-verified-pinned = { $count ->
        [one] The container image matches its expected digest ({ $images }), which covers every file of the bundle.
       *[other] The { $count } container images match their expected digests ({ $images }), which cover every file of the bundle.
    }
reason-pinned-incomplete = { $count ->
        [one] The container image matches its expected digest
       *[other] The { $count } container images match their expected digests
    } ({ $images }), but { $what } is not vouched for by any expected digest: the bundle is intact, but cannot be verified.
reason-unsigned-modules = The Go module cache is intact: every h1: hash it carries matches its content ({ $modules }), but no signature covers it: this proves the modules are intact, not who made them.
reason-unsigned-modules-more = The Go module cache is intact: every h1: hash it carries matches its content ({ $modules } and { $more } more), but no signature covers it: this proves the modules are intact, not who made them.
reason-nothing = Nothing could be verified.

## Findings: inputs

finding-cancelled = The check was cancelled.
finding-several-bundles = More than one bundle (archive or folder) was given; verify one bundle at a time.
finding-meta-too-large = { $path } looks like a { $role } but is { $size } bytes, more than the limit of { $limit } bytes; it was not read.
finding-unreadable = { $path } could not be read: { $detail }.
finding-key-note = { $path }, { $detail }.
finding-malformed-key = { $path } looks like a public key but could not be read: { $detail }.
finding-secret-key = { $path } is a minisign SECRET key. It was not used. A secret key must never travel with a bundle: whoever has it can sign anything.
finding-malformed-signature = { $path } looks like a signature but could not be read: { $detail }.
finding-malformed-list = The checksum list { $list } is malformed: { $detail }.

## Findings: the bundle stream

finding-too-many-entries = The bundle has more than { $limit } entries, the configured limit; the rest was not checked.
finding-too-much-memory = The bundle's entry names and lists need more than { $limit } bytes of memory, the configured limit; the rest was not checked.
finding-folder-too-many-entries = The folder has more than { $limit } entries, the configured limit; the rest was not checked.
finding-archive-limit = The bundle { $bundle } goes beyond a limit: { $detail } (at byte { $offset } of the tar stream). The rest was not checked.
finding-ambiguous-header = The bundle { $bundle } holds a tar header that extraction tools read in different ways, so what they write may not be what was checked: { $detail } (header at byte { $offset } of the tar stream). Whatever follows was not checked.
finding-corrupt-archive = The bundle { $bundle } is damaged: { $detail } (at byte { $offset } of the tar stream). Whatever follows the damage was not checked.
finding-trailing-data = The bundle has { $size } bytes of hidden data after the end of the tar archive (from byte { $offset } of the tar stream). Extraction tools ignore or mishandle it; a signed list cannot vouch for it.
finding-digest-missing = The SHA-256 of { $bundle } itself was not computed, so the check is incomplete.

## Findings: signatures

finding-refused-signature = The signature { $signature } over { $path } (key { $key_id }) is refused: { $detail }.
finding-bad-signature = The signature { $signature } does NOT verify for { $path } with key { $key_id }: the file was changed after signing, or the signature is forged.
finding-untrusted-key = { $path } is signed by key { $key_id } (from { $origin }), but that key is not trusted here. Anyone can make a key: only a key you trust in advance proves who signed.
finding-unknown-key = { $path } is signed by key { $key_id }, which is not among the trusted keys; the signature could not be checked.
finding-unknown-key-beside-good = { $signature } also holds a signature over { $path } by key { $key_id }, which is not among the trusted keys; it could not be checked. It takes nothing away: beside it, a good signature by the trusted key { $trusted } vouches for { $path }.
finding-untrusted-key-beside-good = { $signature } also holds a good signature over { $path } by key { $key_id } (from { $origin }), which is not trusted here. It takes nothing away: beside it, a good signature by the trusted key { $trusted } vouches for { $path }.
finding-too-many-signatures = { $signature } holds more than { $limit } signatures; it was not used (a signature left unread could be a bad one).
finding-unmatched-signature = The signature { $signature } does not match any checksum list or file given, so it could not be checked.

## Findings: structure

finding-unsafe-path = { $path }: { $detail }; extracting it could write outside the target folder.
finding-path-too-long = { $path }: the path is longer than the limit of { $limit } bytes.
finding-duplicate-entry = { $path } occurs more than once in the archive; extraction keeps the last copy, which may not be the one a checker looked at.
finding-duplicate-input = Two files named { $path } were given; a checksum list names a file once, so it cannot tell which of them it vouches for.
finding-special-file = { $path } is a { $kind }; a bundle should hold only files, folders and links.
finding-hardlink-escape = { $path } is a hard link to { $target }, which is not a file earlier in the bundle.
finding-link-outside = { $path } is a symbolic link that leads outside the bundle when followed as the file system follows it ({ $chain }).
finding-link-loop = { $path } is a symbolic link that never ends: more than { $limit } links in a row ({ $chain }…).
finding-under-link = { $path } lies under { $parent }, which is a symbolic link: extracting it would write wherever the link points.
finding-under-link-folded = { $path } lies under { $parent }, which is a symbolic link on macOS or Windows, where { $ancestor } and { $parent } are one name: extracting it would write wherever the link points.
finding-under-file = { $path } lies under { $parent }, which is not a folder but a { $kind }: GNU tar fails to extract it, bsdtar replaces { $parent } with a folder.
finding-under-file-folded = { $path } lies under { $parent }, which is not a folder but a { $kind } on macOS or Windows, where { $ancestor } and { $parent } are one name: GNU tar fails to extract it, bsdtar replaces { $parent } with a folder.

## Findings: lists and comparison

finding-unsigned-list-ignored = The checksum list { $list } is not signed while another list is; only the signed list was used.
finding-list-unsafe-path = The list { $list } names an unsafe path on line { $line }: { $detail }.
finding-file-mismatch = { $path } differs from the list { $list } (line { $line }): expected SHA-256 { $expected }, found { $actual }.
finding-hash-mismatch = { $path } differs from the list { $list } (line { $line }): its content was changed.
finding-hash-mismatch-signed = { $path } differs from the signed list { $list } (line { $line }): its content was changed.
finding-listed-link = { $path } is listed in { $list } (line { $line }) but is a symbolic link ({ $chain }): { $detail }.
finding-listed-not-file = { $path } is listed in { $list } (line { $line }) but is not a regular file in the bundle.
finding-extra = { $path } is in the bundle but not in the checksum list: it may have been added.
finding-extra-signed = { $path } is in the bundle but not in the signed list: it may have been added.
finding-unlisted-link = { $path } is a symbolic link to { $link_target } that the list does not name.
finding-unlisted-link-dangling = { $path } is a symbolic link to { $link_target } that the list does not name, and it leads to nothing in the bundle.
finding-unlisted-link-to-meta = { $path } is a symbolic link to { $link_target } that the list does not name, and it leads to { $target }, a checksum list or signature file that no signature vouches for byte for byte.
finding-extra-input = { $path } was handed over with the bundle, but no signed list or signature vouches for it: it may have been added.
finding-missing = { $path } is named in { $list } (line { $line }) but is not in the bundle.
finding-nothing-recognised = Nothing to verify: no bundle, checksum list or signature was recognised among the inputs.
finding-nothing-to-verify = No checksum list or signature was found, so nothing could be verified. The SHA-256 of every file is shown; compare them with a trusted source.
finding-duplicate-line = The list { $list } names { $path } twice (lines { $line } and { $other_line }) with the same hash.
finding-conflicting-list = The list { $list } names { $path } twice with different hashes (lines { $line } and { $other_line }).
finding-list-disagreement = The lists { $other_list } and { $list } give different hashes for { $path }.
finding-name-collision = { $first } and { $last } differ only by letter case or Unicode normalisation: on macOS or Windows one would overwrite the other (each was checked byte for byte here).
finding-name-collision-unsafe = { $first } and { $last } differ only by letter case or Unicode normalisation, and { $path } is { $kind }: on macOS or Windows it would take the place of a checked file.

## Findings: container images

finding-image-blob-not-carried = The image references its { $what } { $digest } but the archive does not carry it (a partial export, or a layer kept elsewhere).
finding-image-size-mismatch = The image says its { $what } { $path } is { $expected } bytes, but the archive holds { $actual } bytes.
finding-image-json-too-large = The image's { $what } { $path } is not JSON of at most { $limit } bytes, so the image cannot be checked.
finding-image-unreadable = The image's { $what } { $path } cannot be read: { $detail }.
finding-layer-count-mismatch = The image { $image } has { $count } layers but its config { $path } lists { $expected } diff_ids: a layer was added or removed.
finding-diff-id-mismatch = Layer { $layer } of the image ({ $path }) decompressed hashes to { $actual }, but the image config says { $expected }: the layer or the config was changed.
finding-layer-unchecked = Layer { $layer } of the image ({ $path }) cannot be checked against the image config: { $detail }.
finding-image-path-broken = { $path } names the { $what } { $target }, which does not lead to a file in the archive (missing, or a broken link).
finding-image-config-mismatch = The image config { $path } is named by digest { $expected } but hashes to { $actual }: it was changed, and with it the image ID.
finding-image-blob-mismatch = The image blob { $path } hashes to { $actual }, not to the digest it is named by: its content was changed.
finding-unreferenced-blob = The blob { $path } is in the archive, but no image of it references it.

## Findings: expected digests (--expect-digest)

finding-pin-mismatch = No container image in the bundle has the expected digest { $expected }; the digests it carries are: { $carried }. This is not the image expected.
finding-pin-mismatch-no-image = No container image in the bundle has the expected digest { $expected }: it carries no container image.
finding-pinned-names = The image pinned by { $image } carries the names { $tags }, which docker load and podman load give it; the expected digest does not vouch for them.
finding-image-not-pinned = The image { $image } matches no expected digest: nothing vouches for it.
finding-file-not-pinned = { $path } is not covered by any expected digest.
finding-files-not-pinned = { $path } and { $more } more { $more ->
        [one] file are
       *[other] files are
    } not covered by any expected digest.

## Findings: Go module caches

finding-go-sum-line = Line { $line } of { $file } is not a go.sum line with an h1: hash.
finding-go-sum-conflict = { $module } has two different hashes: { $file } line { $line } and { $other_file } line { $other_line }.
finding-ziphash-mismatch = The module zip of { $module } hashes to { $actual }, but { $file } says { $expected }.
finding-go-sum-zip-mismatch = The module zip of { $module } hashes to { $actual }, but { $file } line { $line } says { $expected }: the zip was changed.
finding-module-zip-unreadable = The module zip of { $module } cannot be read: { $detail }.
finding-ziphash-go-sum = { $other_file } says { $actual } for { $module }, but { $file } line { $line } says { $expected }: go.sum decides.
finding-module-tree-changed = The extracted module { $module } hashes to { $actual }, but { $file } says { $expected }.
finding-module-tree-changed-list = The extracted module { $module } hashes to { $actual }, but { $file } says { $expected }: { $changes }.
finding-module-tree-changed-more = The extracted module { $module } hashes to { $actual }, but { $file } says { $expected }: { $changes } and { $more } more.
finding-go-mod-mismatch = The go.mod of { $module } hashes to { $actual }, but { $file } line { $line } says { $expected }: it was changed.
finding-module-not-carried = { $file } line { $line } names { $module }, which the module cache here does not carry.

## Details: shared

# Text from the operating system or a third-party crate, as it is.
detail-io = { $detail }
# A list of items: "a, b, c".
detail-join = { $first }, { $rest }
detail-at-line = line { $line }: { $detail }
detail-by-signature = { $signature } (key { $key_id })
detail-by-signed-list = the signed list { $list }

## Details: paths

detail-path-empty = the path is empty
detail-path-absolute = the path is absolute (starts with /)
detail-path-dotdot = the path contains a '..' component that climbs out of the bundle
detail-path-nul = the path contains a NUL byte
detail-path-windows-prefix = the path starts with a Windows drive or root (escapes on Windows)
detail-path-root = the path names the bundle's root folder
detail-path-unsafe = unsafe

## Details: symbolic links named by a list

detail-link-not-regular = it leads to { $target }, which is not a regular file
detail-link-to-meta = it leads to { $target }, a checksum list or signature file, which no signature vouches for byte for byte
detail-link-not-listed = it leads to { $target }, which the list does not name with this content
detail-link-content-differs = it leads to { $target }, whose content differs from the listed hash
detail-link-to-folder = it leads to a folder
detail-link-outside = it leads outside the bundle, or never ends
detail-link-to-nothing = it leads to nothing in the bundle

## Details: tar

detail-tar-truncated-header = the archive is truncated in the middle of a header
detail-tar-truncated-data = the archive is truncated: an entry's data ends early
detail-tar-sparse-data-short = sparse entry data ends early
detail-tar-no-end-marker = the archive is truncated: it has no end-of-archive marker
detail-tar-orphan-extension = an extended header describes an entry that never comes
detail-tar-ambiguous = ambiguous tar header: { $detail }
detail-tar-lone-zero-block = a lone zero block is followed by more headers (GNU tar warns and stops there, `tar -i` and other readers go on)
detail-tar-field-refused = the { $field } field is refused: { $detail }
detail-tar-bad-checksum = a tar header's checksum is wrong (the header is damaged)
detail-tar-limit = { $what } of { $size } bytes is longer than the limit of { $limit } bytes
detail-tar-long-name-malformed = a GNU long name is empty or has bytes after its terminating NUL
detail-tar-two-long-names = two GNU long-name headers for one entry
detail-tar-pax-global-refused = a PAX global header is refused: { $detail }
detail-tar-pax-extended-refused = a PAX extended header is refused: { $detail }
detail-tar-pax-global-sets-path = a PAX global header sets path, linkpath or size: GNU tar applies it to the entries that follow, other readers ignore it
detail-tar-two-pax = two PAX headers for one entry
detail-tar-pax-and-long-name = both a PAX record and a GNU long-name header name this entry (readers pick different ones)
detail-tar-file-slash = a regular-file entry whose name ends with '/' (GNU tar and Python make it a folder, others a file)
detail-tar-data-on-non-file = a { $kind } entry claims { $size } bytes of data; tar programs disagree about such data
detail-tar-sparse-holes = sparse entries expand to more than { $limit } bytes of holes, the limit; re-create the archive without --sparse
detail-tar-bad-magic = the magic and version { $magic } are neither POSIX ustar, GNU nor old-style tar (readers then pick different header layouts)
detail-tar-extension-no-magic = an extension header (type '{ $flag }') without a ustar or GNU magic
detail-tar-ambiguous-flag = type flag '{ $flag }' means different things to GNU tar, bsdtar and Python
detail-tar-prefix-trailing = the prefix field has bytes after its terminating NUL
detail-tar-prefix-tail = the bytes after the prefix field are not zero (star-format readers take a shorter prefix)
detail-tar-gnu-prefix = a GNU or old-style header carries data where POSIX puts the name prefix (Python prepends it to the name, GNU tar does not)
detail-number-base256-too-large = its base-256 value is too large
detail-number-base256-malformed = it is a negative or malformed base-256 number
detail-number-leading-nul = it starts with a NUL byte (GNU tar reads such a field as 0, other readers differently)
detail-number-no-digits = it holds no octal digits where a number is expected
detail-number-trailing-bytes = it has bytes other than NUL or space after its octal digits
detail-number-too-large = its value is too large
detail-pax-malformed-value = the PAX record { $key } has a malformed value (GNU tar refuses the header, other readers ignore the record)
detail-pax-xattr = the PAX record { $key } sets an extended attribute, which bsdtar restores and GNU tar does not (and no checksum list covers); re-create the archive without extended attributes (tar --no-xattrs, bsdtar --no-xattrs --no-mac-metadata)
detail-pax-applied-elsewhere = the PAX record { $key } is applied by GNU tar or bsdtar (sparse maps, volumes, dump directories, file types, ACLs or labels) and not understood here
detail-pax-trailing-nul = NUL bytes follow its last record (GNU tar and Go refuse them, others skip them)
detail-pax-no-length = a record does not start with its decimal length
detail-pax-length-leading-zero = a record length has a leading zero or is too long
detail-pax-length-space = a record length is not followed by exactly one space (GNU tar skips blanks there, other readers do not)
detail-pax-length-mismatch = a record's length does not match its content
detail-pax-no-equals = a record has no '='
detail-pax-blank-key = the record key { $key } is empty or holds blanks (readers disagree about such keys)
detail-pax-duplicate-key = the key { $key } occurs twice (readers keep different copies)
detail-pax-nul-value = the value of { $key } holds a NUL byte (C readers cut it there, others do not)
detail-pax-empty-path = the path record is empty
detail-pax-size-not-decimal = the size record is not a plain decimal number
detail-sparse-bad-map = bad sparse file map: { $detail }
detail-sparse-field-refused = the sparse map's { $field } is refused: { $detail }
detail-sparse-segments = a sparse file has more than { $limit } segments
detail-sparse-ends-in-map = the archive ends inside the map
detail-sparse-overlap = segments overlap or are out of order
detail-sparse-overflow = overflow
detail-sparse-beyond-size = a segment lies beyond the file's size
detail-sparse-sum = the segments do not add up to the stored data

## Details: gzip

detail-gzip-header-truncated = gzip member { $member }: header is truncated
detail-gzip-bad-magic = not a gzip stream (bad magic bytes)
detail-gzip-trailing-data = data after gzip member { $member } that is not another gzip member
detail-gzip-method = gzip member { $member }: unknown compression method { $method }
detail-gzip-reserved-flags = gzip member { $member }: reserved header flags are set
detail-gzip-truncated = gzip member { $member } is truncated (the compressed data ends early)
detail-gzip-crc = gzip member { $member }: CRC-32 mismatch (the compressed data is damaged)
detail-gzip-length = gzip member { $member }: length mismatch (the compressed data is damaged)
detail-gzip-empty = empty gzip stream

## Details: checksum lists

detail-list-at-line = line { $line }: { $detail }
detail-list-empty = the list holds no checksum lines
detail-list-nul = the line contains a NUL byte (lists written with 'sha256sum --zero' are not accepted)
detail-list-tag-case = the algorithm tag must be written 'SHA256', found '{ $tag }'
detail-list-other-algorithm = the line gives a { $tag } checksum; only SHA256 is supported
detail-list-tag-space = expected a space between 'SHA256' and '('
detail-list-no-equals = expected ') = ' and the hash after the file name
detail-list-after-hash = unexpected { $found } right after the 64 hex digits
detail-list-hex-followed = expected 64 hex digits, found { $count } followed by { $found }
detail-list-hex-count = expected 64 hex digits, found { $count }
detail-list-hex-count-algorithm = expected 64 hex digits, found { $count } (the length of { $algorithm ->
        [MD5] an MD5
       *[other] a { $algorithm }
    } hash)
detail-list-no-name = expected two spaces and a file name after the hash, found the end of the line
detail-list-one-space = expected two spaces (or ' *') between the hash and the file name, found one
detail-list-separator = expected two spaces (or ' *') between the hash and the file name, found { $found }
detail-list-base64 = the hash is written in base64; only hexadecimal SHA-256 hashes are supported
detail-list-text-after-hash = unexpected text after the hash: '{ $found }'
detail-list-bom = the list starts with a byte-order mark, which sha256sum never writes
detail-list-comment = comment lines are not accepted in a checksum list
detail-list-leading-space = the line starts with whitespace
detail-list-not-a-line = expected '<64 hex digits>  <file name>' or 'SHA256 (<file name>) = <64 hex digits>', found '{ $found }'
detail-list-bad-escape = the file name holds the escape '{ $escape }'; only \\, \n and \r are valid
detail-list-lone-backslash = the file name ends with a lone backslash

## Details: minisign and signify keys and signatures

detail-key-empty = The key is empty.
detail-key-missing-line = The key file has an 'untrusted comment:' line but no key line after it.
detail-key-unexpected-text = The key file should hold an 'untrusted comment:' line and one key line, and nothing else.
detail-key-base64 = The key line is not valid base64.
detail-key-length = The key is { $actual } bytes long once decoded; a key of this kind is { $expected } bytes.
detail-key-algorithm = The key is for algorithm '{ $tag }'; only Ed25519 keys ('Ed') are supported.
detail-key-invalid-point = The key is not a valid Ed25519 public key.
detail-key-weak = The key is a weak Ed25519 key (a point of small order) that could make forged signatures verify; it is refused.
detail-key-encrypted = The secret key is encrypted with a password, which Airlock cannot read. Re-create it with 'minisign -G -W', or remove the password with 'minisign -C -W -s KEYFILE'.
detail-key-kdf = The secret key uses an unknown key-derivation method '{ $tag }'.
detail-key-checksum-method = The secret key uses an unknown checksum method '{ $tag }'.
detail-key-checksum-mismatch = The secret key's checksum does not match its content: the file is damaged.
detail-key-pair-mismatch = The secret key's public half does not belong to its secret half: the file is damaged.
detail-ed25519-weak-key = The public key is weak (of small order).
detail-ed25519-non-canonical = The signature is not in canonical form (it may have been altered).
detail-ed25519-invalid-r = The signature's first half is not a valid curve point.
detail-ed25519-small-order-r = The signature's first half is a point of small order.
detail-ed25519-mismatch = The signature does not match the data and the key.
detail-minisign-missing-line = The signature file is incomplete: it should have 4 lines but line { $line } is missing.
detail-minisign-untrusted-comment = The signature file's first line should start with 'untrusted comment:'.
detail-minisign-trusted-comment = The signature file's third line should start with 'trusted comment: '.
detail-minisign-base64 = Line { $line } of the signature file is not valid base64.
detail-minisign-length = Line { $line } of the signature file holds { $actual } bytes; it should hold { $expected }.
detail-minisign-algorithm = The signature uses algorithm '{ $tag }'; only 'Ed' and 'ED' (Ed25519) are supported.
detail-minisign-trailing = The signature file has unexpected text after its fourth line.
detail-minisign-bad-signature = The signature does not match: the file was changed after signing, or signed with another key.
detail-minisign-bad-global = The file's signature is valid, but the trusted comment does not match its signature: the comment was edited after signing.
detail-signature-other-key = The signature was made by the key with ID { $key_id }, but the key given has ID { $given }.
detail-comment-multiline = the { $what } must be a single line
detail-comment-too-long = the { $what } is longer than minisign accepts ({ $limit } bytes)
detail-signify-untrusted-comment = The signature file's first line should start with 'untrusted comment:'.
detail-signify-missing-line = The signature file has no signature line.
detail-signify-base64 = The signature line is not valid base64.
detail-signify-length = The signature line holds { $actual } bytes; a signify signature holds { $expected }.
detail-signify-algorithm = The signature uses algorithm '{ $tag }'; only Ed25519 ('Ed') is supported.
detail-signify-bad-signature = The signature does not match: the data was changed after signing, or signed with another key.
detail-signify-no-message = The signature file holds no message after the signature.

## Details: SSH

detail-ssh-namespaces = the allowed_signers line of key { $key_id } limits it to namespaces "{ $namespaces }", which do not include "{ $namespace }"
detail-ssh-no-clock = key { $key_id } is valid only between given times (valid-after/valid-before), and this run has no clock to check them
detail-ssh-not-yet-valid = key { $key_id } is not valid yet (valid-after { $time })
detail-ssh-no-longer-valid = key { $key_id } is no longer valid (valid-before { $time })
detail-rsa-too-short = the RSA key has { $bits } bits; at least { $limit } are required (shorter keys can be factored)
detail-ssh-rsa-malformed = the RSA key is malformed
detail-ssh-key-type = keys of type { $algorithm } are not supported (accepted: ssh-ed25519, ecdsa-sha2-nistp256/384, RSA of at least { $limit } bits)
detail-ssh-quotes = unbalanced quotes in { $text }
detail-ssh-time = { $text } is not a time of the form YYYYMMDD[HHMM[SS]][Z]
detail-ssh-key-unreadable = the { $algorithm } key cannot be read ({ $detail })
detail-ssh-key-label = the key is labelled { $algorithm } but holds a { $actual } key
detail-ssh-no-key-after-type = no key after the type
detail-ssh-empty-principal = an empty principal
detail-ssh-no-key = no key on the line
detail-ssh-not-key-type = { $text } is not an SSH key type
detail-ssh-option = unknown or malformed option { $text }
detail-ssh-cert-authority = a cert-authority key ({ $key_id }, for { $principals }) vouches for SSH certificates, which Airlock does not read; it is not trusted
detail-ssh-no-usable-key = no usable SSH public key in the file
detail-ssh-no-usable-key-note = no usable SSH public key in the file ({ $detail })
detail-ssh-not-text = the file is not text
detail-ssh-signature-unreadable = not a valid SSH signature ({ $detail })
detail-ssh-wrong-namespace = it was made for namespace "{ $actual }", not "{ $namespace }" (ssh-keygen -Y sign -n { $namespace }): a signature made for another purpose, such as a git commit, never vouches for a release
detail-ssh-rsa-sha1 = it is an ssh-rsa signature, which uses SHA-1; only rsa-sha2-256 and rsa-sha2-512 are accepted
detail-ssh-algorithm-mismatch = its signature algorithm { $algorithm } does not match its { $actual } key

## Details: OpenPGP

detail-openpgp-key-block = not a readable OpenPGP key block ({ $detail })
detail-openpgp-key = not a readable OpenPGP key ({ $detail })
detail-openpgp-no-certificate = no OpenPGP certificate in the file
detail-openpgp-rsa-too-short = the signing key is RSA of { $bits } bits; at least { $limit } are required (shorter keys can be factored)
detail-openpgp-key-algorithm = the signing key's algorithm is not accepted (RSA of at least { $limit } bits, Ed25519, ECDSA P-256 or P-384)
detail-openpgp-version = its version ({ $version }) is not supported
detail-openpgp-weak-hash = it uses the hash { $algorithm }, which is too weak to vouch for anything (SHA-256, SHA-384, SHA-512 or SHA-224 are accepted)
detail-openpgp-signature-type = it is a { $type } signature, not a signature over a file
detail-openpgp-no-creation-time = it carries no creation time
detail-openpgp-critical-subpacket = it carries a critical subpacket of unknown type { $type }, which this verifier does not understand
detail-openpgp-critical-notation = it carries a critical notation { $name }, which this verifier does not understand
detail-openpgp-key-newer = the key { $key_id } was created after the signature
detail-openpgp-key-revoked = the key { $key_id } is revoked
detail-openpgp-no-self-signature = the key { $key_id } has no valid self-signature
detail-openpgp-key-expired = the key { $key_id } had expired when the signature was made
detail-openpgp-subkey-newer = the subkey { $key_id } was created after the signature
detail-openpgp-subkey-revoked = the subkey { $key_id } is revoked
detail-openpgp-subkey-no-binding = the subkey { $key_id } has no valid binding signature from its primary key
detail-openpgp-subkey-not-signing = the subkey { $key_id } is not flagged for signing
detail-openpgp-subkey-no-back-signature = the signing subkey { $key_id } has no valid back-signature (primary key binding), so it may belong to someone else
detail-openpgp-subkey-expired = the subkey { $key_id } had expired when the signature was made
detail-openpgp-primary-not-signing = the primary key { $key_id } is not flagged for signing
detail-openpgp-no-such-key = no key of the certificate is the one the signature names
detail-openpgp-signature = not a readable OpenPGP signature ({ $detail })
detail-openpgp-signature-packet = signature { $number } of the file is not readable ({ $detail })
detail-openpgp-packet-framing = the packet at byte { $offset } has a length that cannot be read
detail-openpgp-packet-not-signature = the file holds a packet of type { $tag }, which is not a signature
detail-openpgp-armor-type = the armored block is not a signature
detail-openpgp-armor-not-key = the armored block is not a public key block
detail-openpgp-armor-crc = the armored block's CRC24 line does not match its data (gpg refuses it too: "CRC error")
detail-openpgp-armor-outside = line { $line } is text outside the armored signature blocks
detail-openpgp-no-signature = the file holds no signature
detail-openpgp-not-utf8 = the signed message is not UTF-8
detail-openpgp-cleartext = not a readable cleartext-signed message ({ $detail })
detail-openpgp-cleartext-count = the message's signature block holds { $count } signatures, but only { $read } could be read with the message
detail-openpgp-signature-expired = the signature has expired

## Details: container images

detail-json = { $detail }
detail-json-duplicate-key = the key "{ $key }" appears twice (or differs only by letter case), and readers take different ones
detail-json-key-case = the key "{ $key }" differs from "{ $expected }" only by letter case, which Go's decoder (Docker's) reads as the same key
detail-json-not-string = "{ $key }" is not a string
detail-json-not-list = "{ $key }" is not a list
detail-json-not-size = "{ $key }" is not a size
detail-json-not-strings = "{ $key }" holds something else than a string
detail-digest-not-sha256 = the digest { $digest } is not a SHA-256 digest
detail-digest-malformed = the digest { $digest } is malformed
detail-image-no-digest = a descriptor has no digest
detail-image-no-manifests = it has no manifests
detail-image-too-many-descriptors = more than { $limit } descriptors or { $depth } nested indexes
detail-image-no-config = it has no config
detail-image-no-layers = it has no layers
detail-image-no-rootfs = it has no rootfs
detail-image-no-diff-ids = it has no diff_ids
detail-image-diff-id-not-string = a diff_id is not a string
detail-image-not-list = it is not a list
detail-image-no-config-path = an image has no Config
detail-carried-image-id = image ID { $digest }
detail-carried-manifest = manifest { $digest }
detail-carried-index = index { $digest }
detail-pin-incomplete-image = the image { $image }, which the archive does not carry whole,
detail-pin-uncovered-image = the image { $image }
detail-pin-uncovered-file = the file { $path }
detail-expected-digest-malformed = “{ $digest }” is not an expected digest: give sha256: and 64 lowercase hex digits, an image ID or a manifest digest as docker images --digests or a deployment manifest shows it
detail-layer-not-read = it was not read
detail-layer-not-decompressed = its name does not look like a layer's, so it was not decompressed
detail-layer-not-compressed = not compressed
detail-layer-codec = { $codec }: { $detail }

## Archives inside the bundle

finding-nested-unreadable = { $path } looks like an archive (a tar, or a gzip-compressed tar), but it could not be read whole: { $detail }. The images or Go modules it may hold were not checked; the file itself was checked like any other.
detail-nested-at = { $detail } (at byte { $offset } of its tar stream)
detail-nested-trailing = it has { $size } bytes of hidden data after the end of its tar archive (from byte { $offset })
detail-nested-too-many = it has more than { $limit } entries, the configured limit
detail-nested-too-much-memory = its entry names need more than { $limit } bytes of memory, the configured limit

## Details: Go module caches

detail-zip-too-large = it is { $size } bytes, more than the { $limit } bytes read for a module zip
detail-zip-truncated = it is truncated
detail-zip-no-end = it has no end of central directory
detail-zip-disks = it spans several disks
detail-zip64 = it is a zip64 archive, which module zips never need
detail-zip-directory-misplaced = its central directory is not where the end record says
detail-zip-record-damaged = a central directory record is damaged
detail-zip-record-truncated = a central directory record is truncated
detail-zip-directory-overrun = the central directory runs past its end
detail-zip-name-not-utf8 = a file name is not UTF-8
detail-zip-name-repeated = the file name { $name } is repeated or holds a newline
detail-zip-encrypted = { $name } is encrypted
detail-zip-local-missing = the local header of { $name } is missing
detail-zip-local-disagrees = the local header of { $name } disagrees with the central directory
detail-zip-local-sizes = the local header of { $name } gives other sizes than the central directory
detail-zip-overlap = the data of { $name } overlaps another file's
detail-zip-data-overrun = the data of { $name } runs past the files
detail-zip-inflate = { $name } cannot be decompressed: { $detail }
detail-zip-larger = { $name } is larger than its record says
detail-zip-method = { $name } uses compression method { $method }
detail-zip-crc = { $name } does not match its size or CRC-32
detail-tree-added = added { $path }
detail-tree-changed = changed { $path }
detail-tree-odd = not a regular file: { $path }
detail-tree-removed = removed { $path }

## Words placed in other sentences

word-file = file
word-directory = directory
word-symlink = symbolic link
word-hardlink = hard link
word-char-device = character device
word-block-device = block device
word-fifo = FIFO
word-special = special
word-fifo-named-pipe = FIFO (named pipe)
word-special-entry = special entry of an unsupported type
word-is-symlink = a symbolic link
word-is-folder = a folder
word-is-unlisted = not in the list
word-is-special = a special file
word-gnu-long-name = a GNU long name
word-pax-header = a PAX extended header
word-path = a path
word-sparse-real-size = real size
word-sparse-offset = offset
word-sparse-length = length
word-image-index = index
word-image-manifest = manifest
word-image-config = config
word-image-layer = layer
word-image-manifest-json = manifest.json
word-trusted-comment = trusted comment
word-untrusted-comment = untrusted comment
