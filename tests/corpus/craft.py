#!/usr/bin/env python3
"""Write a tar archive entry by entry, header bytes and all, for the hostile corpus.

    craft.py [--gz | --gz-members N] OUT KIND NAME VALUE [KIND NAME VALUE]...

Python's tarfile module refuses or rewrites much of what an attacker would write (PAX headers
that disagree with the ustar name, sizes that lie), so headers are built here by hand.

KIND  NAME       VALUE
f     path       source file whose bytes are the content
t     path       literal text content
d     path       -                 directory
s     path       target            symbolic link
h     path       target            hard link
c     path       -                 character device (1,3)
p     path       -                 FIFO
xpath -          new path          PAX header overriding the next entry's path
xsize -          size              PAX header overriding the next entry's size
lie   path       size              a file header claiming SIZE bytes, with no data after it
raw   -          text              raw bytes appended as they are (escapes as below)
e     path       SPEC              any entry, header fields written byte by byte (below)
x, g  -          RECORDS           a well-formed PAX extended (x) or global (g) header; RECORDS
                                   is `key=value` items separated by `|` (escapes as below)
xraw, graw, L, K -  BODY          an x / g / GNU long name (L) / long link name (K) header whose
                                   data is BODY exactly (escapes as below), sized to fit it
end   -          -                 the two end-of-archive blocks, here rather than last
noend -          -                 do not write the two end-of-archive blocks

SPEC of `e`: `key=value` items separated by `;`; values take Python escapes (`\\x00`, `\\t`,
`\\x3b` for `;`). Keys: `type` (the type flag byte, default `0`), `file` (content from a
file), `text` (literal content), `link` (link name), `mode` (octal, default 644), `gnu=1` (GNU
magic `ustar  \\0` instead of POSIX `ustar\\0` `00`), `sumfmt` (how the checksum is written,
default `%06o\\0 `); and `@FIELD` for any header field by name, written as given and NUL-padded
to its width: name mode uid gid size mtime chksum typeflag linkname magic version uname gname
devmajor devminor prefix (POSIX), atime ctime offset longnames sparse isextended realsize (GNU).
The checksum is computed last unless `@chksum` is given. The content follows the header, padded
to a block, whatever the size field says.
"""

import codecs
import gzip
import sys

FIELDS = {
    "name": (0, 100), "mode": (100, 8), "uid": (108, 8), "gid": (116, 8), "size": (124, 12),
    "mtime": (136, 12), "chksum": (148, 8), "typeflag": (156, 1), "linkname": (157, 100),
    "magic": (257, 6), "version": (263, 2), "uname": (265, 32), "gname": (297, 32),
    "devmajor": (329, 8), "devminor": (337, 8), "prefix": (345, 155),
    # GNU (magic "ustar  \0") and old GNU sparse headers
    "atime": (345, 12), "ctime": (357, 12), "offset": (369, 12), "longnames": (381, 4),
    "sparse": (386, 96), "isextended": (482, 1), "realsize": (483, 12),
}


def unescape(s):
    return codecs.escape_decode(s.encode("utf-8"))[0]


def set_field(b, field, value):
    at, width = FIELDS[field]
    if len(value) > width:
        raise SystemExit(f"craft.py: {value!r} does not fit {field} ({width} bytes)")
    b[at:at + width] = value + b"\0" * (width - len(value))


def entry(name, spec):
    """An entry from an `e` SPEC: header (fields as given) + content + padding."""
    items = {}
    for item in spec.split(";") if spec not in ("", "-") else []:
        key, _, value = item.partition("=")
        items[key] = unescape(value)
    data = items.pop("text", b"")
    if "file" in items:
        data = open(items.pop("file").decode(), "rb").read()
    flag = items.pop("type", b"0")
    link = items.pop("link", b"")
    mode = int(items.pop("mode", b"644"), 8)
    sumfmt = items.pop("sumfmt", b"%06o\0 ")
    b = bytearray(header(name, flag, len(data), link=link, mode=mode))
    if items.pop("gnu", b"0") == b"1":
        b[257:265] = b"ustar  \0"
    fields = {k[1:]: v for k, v in items.items() if k.startswith("@")}
    if len(fields) != len(items):
        raise SystemExit(f"craft.py: unknown keys in {spec!r}")
    for field, value in fields.items():
        set_field(b, field, value)
    if "chksum" not in fields:
        b[148:156] = b" " * 8
        b[148:156] = (sumfmt % sum(b)).ljust(8, b"\0")
    return bytes(b) + data + pad(len(data))


def header(name, flag, size, link=b"", mode=0o644, dev=(0, 0)):
    b = bytearray(512)
    if len(name) > 100 or len(link) > 100:
        raise SystemExit(f"craft.py: name too long for a plain header: {name!r}")
    b[0:len(name)] = name
    b[100:108] = b"%07o\0" % mode
    b[108:116] = b"0000000\0"
    b[116:124] = b"0000000\0"
    b[124:136] = b"%011o\0" % size
    b[136:148] = b"%011o\0" % 1700000000
    b[156:157] = flag
    b[157:157 + len(link)] = link
    b[257:263] = b"ustar\0"
    b[263:265] = b"00"
    b[329:337] = b"%07o\0" % dev[0]
    b[337:345] = b"%07o\0" % dev[1]
    b[148:156] = b" " * 8
    b[148:156] = b"%06o\0 " % sum(b)
    return bytes(b)


def pad(n):
    return b"\0" * ((512 - n % 512) % 512)


def pax(records, flag=b"x"):
    body = b""
    for key, value in records:
        rec = b" " + key + b"=" + value + b"\n"
        n = len(rec) + 1
        while len(str(n).encode()) + len(rec) != n:
            n += 1
        body += str(n).encode() + rec
    return extension(body, flag)


def extension(body, flag):
    name = {b"x": b"PaxHeaders/x", b"g": b"GlobalHead/g"}.get(flag, b"././@LongLink")
    return header(name, flag, len(body)) + body + pad(len(body))


def build(spec):
    out = bytearray()
    end = True
    for kind, name, value in spec:
        n, v = name.encode(), value.encode()
        if kind == "f":
            data = open(value, "rb").read()
            out += header(n, b"0", len(data)) + data + pad(len(data))
        elif kind == "t":
            out += header(n, b"0", len(v)) + v + pad(len(v))
        elif kind == "d":
            out += header(n, b"5", 0, mode=0o755)
        elif kind == "s":
            out += header(n, b"2", 0, link=v, mode=0o777)
        elif kind == "h":
            out += header(n, b"1", 0, link=v)
        elif kind == "c":
            out += header(n, b"3", 0, dev=(1, 3))
        elif kind == "p":
            out += header(n, b"6", 0)
        elif kind == "xpath":
            out += pax([(b"path", v)])
        elif kind == "xsize":
            out += pax([(b"size", v)])
        elif kind == "e":
            out += entry(n, value)
        elif kind in ("x", "g"):
            records = [unescape(r).split(b"=", 1) for r in value.split("|")]
            out += pax([(k, val) for k, val in records], kind.encode())
        elif kind in ("xraw", "graw", "L", "K"):
            out += extension(unescape(value), kind[0].encode())
        elif kind == "lie":
            out += header(n, b"0", int(value))
        elif kind == "raw":
            out += unescape(value)
        elif kind == "end":
            out += b"\0" * 1024
            end = False
        elif kind == "noend":
            end = False
        else:
            raise SystemExit(f"craft.py: unknown kind {kind}")
    if end:
        out += b"\0" * 1024
    return bytes(out)


def main(argv):
    members = 0
    if argv[0] == "--gz":
        members, argv = 1, argv[1:]
    elif argv[0] == "--gz-members":
        members, argv = int(argv[1]), argv[2:]
    out, rest = argv[0], argv[1:]
    if len(rest) % 3:
        raise SystemExit("craft.py: entries come as KIND NAME VALUE triples")
    data = build([tuple(rest[i:i + 3]) for i in range(0, len(rest), 3)])
    if members:
        step = -(-len(data) // members)
        data = b"".join(
            gzip.compress(data[i:i + step], mtime=0) for i in range(0, len(data), step)
        )
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv[1:])
