# SPDX-License-Identifier: LGPL-2.1-or-later
# Writes the redis workload's data load in the Redis protocol (for `redis-cli --pipe`):
# strings, values grown by APPEND to a few hundred kilobytes, lists, sets, hashes and
# sorted sets large enough to leave their compact encodings, counters, and deletions of
# a third of the strings. The bytes depend on nothing but this program.
import sys


def command(*words):
    parts = [b"*%d\r\n" % len(words)]
    for word in words:
        raw = word if isinstance(word, bytes) else str(word).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(raw), raw))
    return b"".join(parts)


def main():
    out = []
    for i in range(30000):
        out.append(command("SET", "str:%05d" % i, "value-%d-" % i + "x" * (i % 200)))
    for i in range(0, 30000, 3):
        out.append(command("DEL", "str:%05d" % i))
    for big in range(8):
        for step in range(400):
            out.append(command("APPEND", "big:%d" % big, ("%d:%d;" % (big, step)) * (64 + big * 8)))
    for lst in range(4):
        for i in range(5000):
            out.append(command("RPUSH" if i % 3 else "LPUSH", "list:%d" % lst, "item-%d-%d" % (lst, i)))
        out.append(command("LTRIM", "list:%d" % lst, 100, -100))
    for st in range(4):
        for i in range(4000):
            out.append(command("SADD", "set:%d" % st, "member-%d" % ((i * 37 + st) % 3000)))
        out.append(command("SREM", "set:%d" % st, "member-7", "member-8"))
    for h in range(3):
        for i in range(6000):
            out.append(command("HSET", "hash:%d" % h, "field:%d" % i, "v" * (i % 50) + str(i)))
    for z in range(2):
        for i in range(8000):
            out.append(command("ZADD", "zset:%d" % z, (i * 7919) % 10007, "z%d-%d" % (z, i)))
    for i in range(20000):
        out.append(command("INCRBY", "counter", i % 17))
    sys.stdout.buffer.write(b"".join(out))


main()
