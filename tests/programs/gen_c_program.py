# SPDX-License-Identifier: LGPL-2.1-or-later
# Writes the gcc workload's input: one C file of many generated functions (loops, switches,
# structs, inlining candidates, string tables) and a main() that calls them all and prints
# a checksum. The text depends only on the arguments, so every setup writes the same file.
import sys


def function(i):
    kind = i % 4
    head = "static unsigned long f%d(const struct item *items, unsigned long n, unsigned long seed)\n{\n" % i
    if kind == 0:
        body = ("\tunsigned long acc = seed ^ %dUL;\n"
                "\tfor (unsigned long k = 0; k < n; k++)\n"
                "\t\tacc = acc * 31 + items[k].weight * %d + (items[k].tag[k %% 8] ^ %d);\n"
                "\treturn acc;\n") % (i, i % 97 + 1, i % 251)
    elif kind == 1:
        cases = "".join("\t\tcase %d: acc += %d * items[k].weight; break;\n" % (c, (i * 7 + c) % 1009)
                        for c in range(12))
        body = ("\tunsigned long acc = seed;\n"
                "\tfor (unsigned long k = 0; k < n; k++) {\n"
                "\t\tswitch ((items[k].weight + %d) %% 12) {\n%s"
                "\t\tdefault: acc ^= k;\n\t\t}\n\t}\n\treturn acc;\n") % (i, cases)
    elif kind == 2:
        body = ("\tstruct item local[8];\n"
                "\tunsigned long acc = seed;\n"
                "\tfor (int j = 0; j < 8; j++) {\n"
                "\t\tlocal[j] = items[(seed + j * %d) %% n];\n"
                "\t\tlocal[j].weight += (unsigned long)j << (j %% 5);\n"
                "\t}\n"
                "\tfor (int j = 7; j > 0; j--)\n"
                "\t\tif (local[j].weight < local[j - 1].weight)\n"
                "\t\t\tacc += local[j - 1].weight - local[j].weight;\n"
                "\treturn acc + f%d(items, n / 2, acc);\n") % (i % 13 + 1, i - 2)
    else:
        body = ("\tstatic const char *const names[] = { \"alpha%d\", \"beta%d\", \"gamma%d\", \"delta%d\" };\n"
                "\tunsigned long acc = seed;\n"
                "\tfor (unsigned long k = 0; k < n; k++) {\n"
                "\t\tconst char *s = names[(items[k].weight + k) & 3];\n"
                "\t\twhile (*s)\n\t\t\tacc = (acc << 5) + acc + (unsigned char)*s++;\n"
                "\t}\n\treturn acc;\n") % (i, i, i, i)
    return head + body + "}\n\n"


def main(count):
    out = ["#include <stdio.h>\n\n",
           "struct item { unsigned long weight; unsigned char tag[8]; };\n\n"]
    for i in range(count):
        out.append(function(i))
    out.append("int main(void)\n{\n\tstatic struct item items[64];\n\tunsigned long sum = 0;\n"
               "\tfor (int k = 0; k < 64; k++) {\n\t\titems[k].weight = (unsigned long)k * 2654435761UL % 1000;\n"
               "\t\tfor (int t = 0; t < 8; t++)\n\t\t\titems[k].tag[t] = (unsigned char)(k * 8 + t);\n\t}\n")
    for i in range(count):
        out.append("\tsum = sum * 3 + f%d(items, 64, sum);\n" % i)
    out.append("\tprintf(\"checksum %lu\\n\", sum);\n\treturn 0;\n}\n")
    sys.stdout.write("".join(out))


main(int(sys.argv[1]))
