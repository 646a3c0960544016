# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs a slice of CPython's own regression tests (Debian's libpython3.11-testsuite) with
# unittest and prints one deterministic line per test module: how many tests ran, failed,
# errored and were skipped. Resources such as network and cpu stay disabled, as under
# regrtest without -u. Exits 1 if any test failed or errored.
import io
import sys
import unittest

from test import support


def run_module(name):
    suite = unittest.defaultTestLoader.loadTestsFromName("test." + name)
    result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
    print("%s: ran %d failures %d errors %d skipped %d" % (
        name, result.testsRun, len(result.failures), len(result.errors), len(result.skipped)))
    for test, trace in result.failures + result.errors:
        sys.stderr.write("%s\n%s\n" % (test, trace))
    return result.wasSuccessful()


def main(names):
    support.verbose = False
    support.use_resources = []
    ok = True
    for name in names:
        ok = run_module(name) and ok
    sys.stdout.flush()
    return 0 if ok else 1


sys.exit(main(sys.argv[1:]))
