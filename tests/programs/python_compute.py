# SPDX-License-Identifier: LGPL-2.1-or-later
# The python workload's own computation: dictionaries, lists, strings, big integers and
# sorting, sized to run a few seconds. Every line it prints is a pure function of the
# program text (no addresses, times or hash-order dependent iteration), so a run on any
# correct malloc prints the same bytes.
import hashlib
import json
import sys
from collections import Counter, OrderedDict, deque


def lcg(seed):
    state = seed
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield state >> 33


def digest(obj):
    return hashlib.sha256(repr(obj).encode()).hexdigest()[:16]


def words(count, rng):
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for _ in range(count):
        n = 1 + next(rng) % 12
        out.append("".join(letters[next(rng) % 26] for _ in range(n)))
    return out


def dictionaries(rng):
    table = {}
    for i in range(200000):
        key = "k%d" % (next(rng) % 50000)
        table[key] = table.get(key, 0) + i
    for key in [k for k in table if len(k) % 3 == 0]:
        del table[key]
    nested = {i: {"id": i, "tags": [str(i % 7)] * (i % 5)} for i in range(20000)}
    return "dicts %d %d %s" % (len(table), sum(table.values()), digest(sorted(nested[19999].items())))


def lists_and_sorting(rng):
    numbers = [next(rng) % 1000003 for _ in range(300000)]
    numbers.sort()
    pairs = sorted(((n % 97, -n) for n in numbers[:100000]))
    records = [(w, len(w), w[::-1]) for w in words(60000, rng)]
    records.sort(key=lambda r: (r[1], r[2]))
    queue = deque(range(50000))
    queue.rotate(12345)
    return "lists %d %d %s %s %d" % (numbers[150000], pairs[500][1], records[0][0],
                                     records[-1][0], queue[0])


def strings(rng):
    text = " ".join(words(150000, rng))
    counts = Counter(text.split())
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    upper = text.upper().replace("A", "<a>")
    pieces = "|".join(s.capitalize() for s in text.split()[:20000])
    encoded = json.dumps(OrderedDict(top))
    return "strings %d %s %s %s %s" % (len(counts), top, digest(upper), digest(pieces), encoded)


def big_integers():
    factorial = 1
    for i in range(2, 6001):
        factorial *= i
    fib_a, fib_b = 0, 1
    for _ in range(20000):
        fib_a, fib_b = fib_b, fib_a + fib_b
    power = pow(3, 100000, (1 << 4423) - 1)
    text = str(factorial)
    return "bigints %d %s %d %s" % (len(text), text[:20], fib_a.bit_length(), digest(power))


def objects_churn(rng):
    class Node:
        __slots__ = ("value", "children")

        def __init__(self, value):
            self.value = value
            self.children = []

    root = Node(0)
    frontier = [root]
    total = 0
    for i in range(1, 150000):
        parent = frontier[next(rng) % len(frontier)]
        child = Node(i)
        parent.children.append(child)
        frontier.append(child)
        if len(frontier) > 5000:
            frontier = frontier[2500:]
    stack = [root]
    while stack:
        node = stack.pop()
        total += node.value * len(node.children)
        stack.extend(node.children)
    return "objects %d" % total


def main():
    sys.set_int_max_str_digits(0)
    rng = lcg(20261125)
    for step in (dictionaries, lists_and_sorting, strings):
        print(step(rng))
    print(big_integers())
    print(objects_churn(rng))
    sys.stdout.flush()


main()
