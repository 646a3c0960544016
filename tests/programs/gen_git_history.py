# SPDX-License-Identifier: LGPL-2.1-or-later
# Writes a `git fast-import` stream for the git workload: a main branch of COMMITS commits
# over a few hundred text files (lines inserted, changed and deleted; files added and
# removed) and a topic branch touching only its own files, so it merges cleanly. Names,
# dates and contents come from a fixed generator, so every import gives the same hashes.
import sys

WORDS = ("alloc free page slab cache zone node order buddy map unmap fault dirty clean "
         "lock unlock wait wake queue list tree root leaf merge split shrink grow").split()


class Generator:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % bound

    def line(self):
        return " ".join(WORDS[self.next(len(WORDS))] for _ in range(3 + self.next(8)))


class History:
    def __init__(self, out, rng):
        self.out = out
        self.rng = rng
        self.files = {}
        self.mark = 0
        self.when = 1700000000

    def data(self, text):
        raw = text.encode()
        self.out.write(b"data %d\n" % len(raw))
        self.out.write(raw)
        self.out.write(b"\n")

    def change_file(self, path):
        lines = self.files.setdefault(path, [])
        for _ in range(1 + self.rng.next(6)):
            lines.insert(self.rng.next(len(lines) + 1), self.rng.line())
        if len(lines) > 8 and self.rng.next(3) == 0:
            del lines[self.rng.next(len(lines))]
        if lines:
            lines[self.rng.next(len(lines))] = self.rng.line()

    def commit(self, branch, parent, paths, removed, message):
        self.mark += 1
        self.when += 3600 + self.rng.next(3600)
        who = ("Ada Lovelace <ada@example.org>", "Linus Torvalds <linus@example.org>",
               "Grace Hopper <grace@example.org>")[self.rng.next(3)]
        self.out.write(b"commit refs/heads/%s\nmark :%d\n" % (branch.encode(), self.mark))
        for role in (b"author", b"committer"):
            self.out.write(b"%s %s %d +0000\n" % (role, who.encode(), self.when))
        self.data(message)
        if parent:
            self.out.write(b"from :%d\n" % parent)
        for path in removed:
            self.out.write(b"D %s\n" % path.encode())
        for path in paths:
            self.out.write(b"M 100644 inline %s\n" % path.encode())
            self.data("\n".join(self.files[path]) + "\n")
        return self.mark


def main(commits, files):
    rng = Generator(1125)
    history = History(sys.stdout.buffer, rng)
    paths = ["src/dir%02d/file%03d.txt" % (i % 16, i) for i in range(files)]
    for path in paths:
        for _ in range(20 + rng.next(60)):
            history.change_file(path)
    head = history.commit("main", 0, paths, [], "initial import of %d files" % files)
    fork_at = commits * 3 // 4
    fork_point = head
    for n in range(1, commits):
        touched = sorted({paths[rng.next(len(paths))] for _ in range(1 + rng.next(4))})
        removed = []
        if n % 10 == 0:
            new = "src/new/file%04d.txt" % n
            paths.append(new)
            touched.append(new)
        if n % 37 == 0:
            gone = paths.pop(rng.next(len(paths) - 1))
            touched = [p for p in touched if p != gone]
            removed.append(gone)
            del history.files[gone]
        for path in touched:
            history.change_file(path)
        head = history.commit("main", head, touched, removed, "change %d: %s" % (n, rng.line()))
        if n == fork_at:
            fork_point = head
    topic = fork_point
    for n in range(commits // 10):
        path = "topic/part%02d.txt" % (n % 7)
        history.change_file(path)
        topic = history.commit("topic", topic, [path], [], "topic %d: %s" % (n, rng.line()))
    sys.stdout.flush()


main(int(sys.argv[1]), int(sys.argv[2]))
