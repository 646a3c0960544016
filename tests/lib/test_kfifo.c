// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/kfifo.h: the byte, typed and record fifos of Linux's samples/kfifo (the same
 * steps and the same expected contents), wrap-around, the user copies with a fault
 * half way, the DMA scatterlists, concurrent reader and writer, and bad input. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/kfifo.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "kmsg.h"

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
}

TestSuite(kfifo, .init = boot, .fini = ukmem_shutdown);

/* samples/kfifo/bytestream-example.c */
Test(kfifo, bytestream_sample)
{
	static const unsigned char expected[] = {
		3, 4, 5, 6, 7, 8, 9, 0, 1, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
		33, 34, 35, 36, 37, 38, 39, 40, 41, 42,
	};
	struct kfifo fifo;
	unsigned char buf[6], i, j;
	unsigned int ret;

	cr_assert_eq(kfifo_alloc(&fifo, 32, GFP_KERNEL), 0);
	cr_assert_eq(kfifo_size(&fifo), 32);
	cr_assert_eq(kfifo_esize(&fifo), 1);
	kfifo_in(&fifo, "hello", 5);
	for (i = 0; i != 10; i++)
		kfifo_put(&fifo, i);
	cr_assert_eq(kfifo_len(&fifo), 15);
	i = (unsigned char)kfifo_out(&fifo, buf, 5);
	cr_assert_eq(i, 5);
	cr_assert_eq(memcmp(buf, "hello", 5), 0);
	ret = kfifo_out(&fifo, buf, 2);
	cr_assert_eq(ret, 2);
	ret = kfifo_in(&fifo, buf, ret);
	cr_assert_eq(ret, 2);
	kfifo_skip(&fifo);
	for (i = 20; kfifo_put(&fifo, i); i++)
		;
	cr_assert_eq(i, 43, "the fifo fills at 32 elements");
	cr_assert(kfifo_is_full(&fifo));
	cr_assert_eq(kfifo_avail(&fifo), 0);
	cr_assert(kfifo_peek(&fifo, &i));
	cr_assert_eq(i, 3);
	j = 0;
	while (kfifo_get(&fifo, &i)) {
		cr_assert_eq(i, expected[j], "element %u", j);
		j++;
	}
	cr_assert_eq(j, ARRAY_SIZE(expected));
	cr_assert(kfifo_is_empty(&fifo));
	kfifo_free(&fifo);
}

/* samples/kfifo/inttype-example.c, with a DECLARE_KFIFO/INIT_KFIFO fifo */
Test(kfifo, inttype_sample)
{
	static const int expected[] = {
		3, 4, 5, 6, 7, 8, 9, 0, 1, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
		33, 34, 35, 36, 37, 38, 39, 40, 41, 42,
	};
	DECLARE_KFIFO(test, int, 32);
	int buf[6], i, j;
	unsigned int ret;

	INIT_KFIFO(test);
	cr_assert_eq(kfifo_size(&test), 32);
	cr_assert_eq(kfifo_esize(&test), sizeof(int));
	for (i = 0; i != 10; i++)
		kfifo_put(&test, i);
	ret = kfifo_out(&test, buf, 2);
	cr_assert_eq(ret, 2);
	ret = kfifo_in(&test, buf, ret);
	cr_assert_eq(ret, 2);
	kfifo_skip(&test);
	for (i = 20; kfifo_put(&test, i); i++)
		;
	cr_assert_eq(kfifo_len(&test), 32);
	cr_assert_eq(kfifo_peek_len(&test), 32 * sizeof(int));
	j = 0;
	while (kfifo_get(&test, &i)) {
		cr_assert_eq(i, expected[j], "element %d", j);
		j++;
	}
	cr_assert_eq(j, 32);
}

/* samples/kfifo/record-example.c (1-byte lengths) */
Test(kfifo, record_sample)
{
	static const char *expected[] = {
		"a", "bb", "ccc", "dddd", "eeeee", "ffffff", "ggggggg", "hhhhhhhh", "iiiiiiiii",
		"jjjjjjjjjj",
	};
	struct kfifo_rec_ptr_1 test;
	char buf[100];
	unsigned int i, ret;
	struct { unsigned char buf[6]; } hello = { "hello" };

	cr_assert_eq(kfifo_alloc(&test, 128, GFP_KERNEL), 0);
	cr_assert_eq(kfifo_recsize(&test), 1);
	kfifo_in(&test, &hello, sizeof(hello));
	for (i = 0; i < 10; i++) {
		memset(buf, 'a' + i, i + 1);
		kfifo_in(&test, buf, i + 1);
	}
	kfifo_skip(&test);
	cr_assert_eq(kfifo_len(&test), 65);
	ret = kfifo_out_peek(&test, buf, sizeof(buf));
	cr_assert_eq(ret, 1);
	cr_assert_eq(kfifo_peek_len(&test), 1);
	i = 0;
	while (!kfifo_is_empty(&test)) {
		ret = kfifo_out(&test, buf, sizeof(buf));
		buf[ret] = '\0';
		cr_assert_str_eq(buf, expected[i++]);
	}
	cr_assert_eq(i, 10);
	kfifo_free(&test);
}

Test(kfifo, record_fifo_limits)
{
	STRUCT_KFIFO_REC_2(64) rec2;
	STRUCT_KFIFO_REC_1(16) rec1;
	char big[80], out[80];
	u16 v;

	INIT_KFIFO(rec2);
	INIT_KFIFO(rec1);
	memset(big, 'x', sizeof(big));
	cr_assert_eq(kfifo_recsize(&rec2), 2);
	cr_assert_eq(kfifo_avail(&rec2), 62, "room minus the header");
	cr_assert_eq(kfifo_in(&rec2, big, 63), 0, "a record that does not fit is refused whole");
	cr_assert(kfifo_is_empty(&rec2));
	cr_assert_eq(kfifo_in(&rec2, big, 40), 40);
	cr_assert_eq(kfifo_len(&rec2), 42);
	cr_assert_eq(kfifo_peek_len(&rec2), 40);
	cr_assert_eq(kfifo_out(&rec2, out, 10), 10, "a short read gets the head of the record");
	cr_assert(kfifo_is_empty(&rec2), "and the rest of the record is gone");
	cr_assert_eq(kfifo_avail(&rec1), 15);
	v = 0x1234;
	cr_assert(kfifo_put(&rec2, v) == 1, "a one-element record of the fifo's byte type");
	cr_assert_eq(kfifo_peek_len(&rec2), 1);
	v = 0;
	cr_assert(kfifo_peek(&rec2, &v));
	cr_assert_eq(v, 0x34);
	cr_assert(kfifo_get(&rec2, &v));
	cr_assert_not(kfifo_get(&rec2, &v));
	cr_assert_eq(__kfifo_max_r(300, 1), 255);
	cr_assert_eq(__kfifo_max_r(70000, 2), 65535);
}

Test(kfifo, define_init_and_wraparound)
{
	DEFINE_KFIFO(ring, u32, 8);
	u32 v[5], got[5];

	cr_assert_eq(kfifo_size(&ring), 8);
	/* Walk the indices far round so every copy splits at the buffer's end. */
	for (u32 round = 0; round < 1000; round++) {
		for (u32 k = 0; k < 5; k++)
			v[k] = round * 10 + k;
		cr_assert_eq(kfifo_in(&ring, v, 5), 5);
		cr_assert_eq(kfifo_out(&ring, got, 5), 5);
		cr_assert_eq(memcmp(v, got, sizeof(v)), 0, "round %u", round);
	}
	cr_assert_eq(kfifo_in(&ring, v, 5), 5);
	cr_assert_eq(kfifo_in(&ring, v, 5), 3, "only the room is filled");
	kfifo_reset_out(&ring);
	cr_assert(kfifo_is_empty(&ring));
	kfifo_in(&ring, v, 2);
	kfifo_reset(&ring);
	cr_assert_eq(kfifo_len(&ring), 0);
	cr_assert(kfifo_initialized(&ring));
}

Test(kfifo, bad_input)
{
	struct kfifo f;
	DECLARE_KFIFO(fixed, char, 4);
	DECLARE_KFIFO_PTR(ints, int);
	char small[3];
	u8 buf[100];

	cr_assert_eq(kfifo_alloc(&f, 0, GFP_KERNEL), -EINVAL);
	cr_assert_eq(kfifo_size(&f), 1, "a failed fifo has no room");
	cr_assert_not(kfifo_initialized(&f));
	cr_assert_null(f.kfifo.data);
	kfifo_free(&f);
	cr_assert_eq(kfifo_alloc(&f, 1, GFP_KERNEL), -EINVAL);
	cr_assert_eq(kfifo_alloc(&f, 0x80000001u, GFP_KERNEL), -EINVAL);
	cr_assert_eq(kfifo_alloc(&f, 5, GFP_KERNEL), 0);
	cr_assert_eq(kfifo_size(&f), 8, "rounded up to a power of two");
	kfifo_free(&f);
	INIT_KFIFO(fixed);
	cr_assert_eq(kfifo_alloc(&fixed, 16, GFP_KERNEL), -EINVAL, "a fixed fifo cannot allocate");
	cr_assert_eq(kfifo_init(&fixed, small, 3), -EINVAL);
	cr_assert_eq(kfifo_init(&f, small, 1), -EINVAL, "fewer than 2 elements");
	cr_assert_eq(kfifo_init(&ints, buf, 100), 0);
	cr_assert_eq(kfifo_size(&ints), 16, "25 ints room: rounded down to 16");
	cr_assert_eq(kfifo_alloc(&ints, 1 << 30, GFP_KERNEL | __GFP_NOWARN), -ENOMEM);
	cr_assert_null(ints.kfifo.data);
}

Test(kfifo, user_copies_stop_at_a_fault)
{
	struct kfifo f;
	long page = sysconf(_SC_PAGESIZE);
	char *user = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	DECLARE_KFIFO_PTR(ints, int);
	unsigned int copied = 1234;
	char back[64];

	cr_assert_neq(user, MAP_FAILED);
	cr_assert_eq(mprotect(user + page, page, PROT_NONE), 0);
	memset(user, 'u', page);
	cr_assert_eq(kfifo_alloc(&f, 64, GFP_KERNEL), 0);
	cr_assert_eq(kfifo_from_user(&f, user + page - 10, 20, &copied), (unsigned int)-EFAULT);
	cr_assert_eq(copied, 10);
	cr_assert_eq(kfifo_len(&f), 10, "what was copied before the fault stays");
	cr_assert_eq(kfifo_to_user(&f, user + page - 4, 10, &copied), -EFAULT);
	cr_assert_eq(copied, 4);
	cr_assert_eq(kfifo_len(&f), 6);
	cr_assert_eq(kfifo_to_user(&f, user, 64, &copied), 0);
	cr_assert_eq(copied, 6);
	cr_assert_eq(kfifo_from_user(&f, user, 100, &copied), 0);
	cr_assert_eq(copied, 64, "up to the room");
	kfifo_free(&f);

	cr_assert_eq(kfifo_alloc(&ints, 8, GFP_KERNEL), 0);
	cr_assert_eq(kfifo_from_user(&ints, user + page - 10, 12, &copied), (unsigned int)-EFAULT);
	cr_assert_eq(copied, 8, "whole elements only: two ints before the fault");
	cr_assert_eq(kfifo_len(&ints), 2);
	cr_assert_eq(kfifo_to_user(&ints, back, sizeof(back), &copied), 0);
	cr_assert_eq(copied, 8);
	kfifo_free(&ints);
	munmap(user, 2 * page);
}

Test(kfifo, record_user_copies)
{
	struct kfifo_rec_ptr_2 f;
	char msg[] = "record one", out[32];
	unsigned int copied;

	cr_assert_eq(kfifo_alloc(&f, 32, GFP_KERNEL), 0);
	cr_assert_eq(kfifo_from_user(&f, msg, 10, &copied), 0);
	cr_assert_eq(copied, 10);
	cr_assert_eq(kfifo_from_user(&f, msg, 30, &copied), 0);
	cr_assert_eq(copied, 0, "a record that does not fit is not stored");
	cr_assert_eq(kfifo_to_user(&f, out, sizeof(out), &copied), 0);
	cr_assert_eq(copied, 10);
	cr_assert_eq(memcmp(out, "record one", 10), 0);
	cr_assert(kfifo_is_empty(&f));
	cr_assert_eq(kfifo_to_user(&f, out, sizeof(out), &copied), 0);
	cr_assert_eq(copied, 0);
	kfifo_free(&f);
}

/* samples/kfifo/dma-example.c */
Test(kfifo, dma_sample)
{
	struct kfifo fifo;
	struct scatterlist sg[10];
	unsigned int nents, total = 0;

	cr_assert_eq(kfifo_alloc(&fifo, 32, GFP_KERNEL), 0);
	kfifo_in(&fifo, "test", 4);
	for (int i = 0; i != 9; i++)
		kfifo_put(&fifo, i);
	kfifo_skip(&fifo);
	cr_assert_eq(kfifo_len(&fifo), 12);
	sg_init_table(sg, ARRAY_SIZE(sg));
	nents = kfifo_dma_in_prepare(&fifo, sg, ARRAY_SIZE(sg), 32);
	cr_assert_eq(nents, 2, "the room at the end and the byte freed at the start");
	cr_assert_eq(sg[0].length, 19);
	cr_assert_eq(sg[1].length, 1);
	cr_assert_eq(sg_virt(&sg[0]), (char *)fifo.kfifo.data + 13);
	cr_assert_eq(sg_virt(&sg[1]), fifo.kfifo.data);
	for (unsigned int i = 0; i < nents; i++)
		total += sg[i].length;
	cr_assert_eq(total, kfifo_avail(&fifo));
	kfifo_dma_in_finish(&fifo, 0);
	nents = kfifo_dma_out_prepare(&fifo, sg, ARRAY_SIZE(sg), 8);
	cr_assert_eq(nents, 1);
	cr_assert_eq(sg[0].length, 8);
	cr_assert_eq(sg_virt(&sg[0]), (char *)fifo.kfifo.data + 1);
	kfifo_dma_out_finish(&fifo, 5);
	cr_assert_eq(kfifo_len(&fifo), 7, "the sample's final check");
	kfifo_free(&fifo);
}

static struct kfifo shared;
static DEFINE_SPINLOCK(shared_lock);
enum { ITEMS = 200000 };

static void *producer(void *arg)
{
	for (u32 i = 0; i < ITEMS;) {
		u32 v = i;

		if (kfifo_in(&shared, (u8 *)&v, 4) == 4)
			i++;
	}
	return NULL;
}

Test(kfifo, one_reader_one_writer_without_a_lock)
{
	pthread_t th;
	u32 v, next = 0;

	cr_assert_eq(kfifo_alloc(&shared, 256, GFP_KERNEL), 0);
	pthread_create(&th, NULL, producer, NULL);
	while (next < ITEMS) {
		barrier();	/* the reader polls: read the index afresh each time */
		if (kfifo_len(&shared) >= 4) {
			cr_assert_eq(kfifo_out(&shared, (u8 *)&v, 4), 4);
			cr_assert_eq(v, next, "in order, nothing torn");
			next++;
		}
	}
	pthread_join(th, NULL);
	cr_assert(kfifo_is_empty_spinlocked(&shared, &shared_lock));
	cr_assert_eq(kfifo_in_spinlocked(&shared, "xy", 2, &shared_lock), 2);
	cr_assert_eq(kfifo_out_spinlocked(&shared, (u8 *)&v, 2, &shared_lock), 2);
	kfifo_free(&shared);
}
