/* linux/numa.h: node limits. ukmem's nodes come from numa=fake=N on the command line. */
#ifndef UKMEM_LINUX_NUMA_H
#define UKMEM_LINUX_NUMA_H
#define NODES_SHIFT	3
#define MAX_NUMNODES	(1 << NODES_SHIFT)
#define NUMA_NO_NODE	(-1)
#endif
