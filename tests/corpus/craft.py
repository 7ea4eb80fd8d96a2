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
raw   -          text              raw bytes appended as they are
end   -          -                 the two end-of-archive blocks, here rather than last
noend -          -                 do not write the two end-of-archive blocks
"""

import gzip
import sys


def header(name, flag, size, link=b"", mode=0o644, dev=(0, 0)):
    b = bytearray(512)
    if len(name) > 100:
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


def pax(records):
    body = b""
    for key, value in records:
        rec = b" " + key + b"=" + value + b"\n"
        n = len(rec) + 1
        while len(str(n).encode()) + len(rec) != n:
            n += 1
        body += str(n).encode() + rec
    return header(b"PaxHeaders/x", b"x", len(body)) + body + pad(len(body))


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
        elif kind == "lie":
            out += header(n, b"0", int(value))
        elif kind == "raw":
            out += v
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
