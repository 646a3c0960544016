/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/circ_buf.h: a power-of-two ring indexed by head (producer) and tail (consumer).
 * One slot stays empty, so head == tail means empty. The _TO_END forms give how much
 * can be read or written before the end of the buffer. */
#ifndef UKMEM_LINUX_CIRC_BUF_H
#define UKMEM_LINUX_CIRC_BUF_H

struct circ_buf {
	char *buf;
	int head;
	int tail;
};

#define CIRC_CNT(head, tail, size)	(((head) - (tail)) & ((size) - 1))
#define CIRC_SPACE(head, tail, size)	CIRC_CNT((tail), ((head) + 1), (size))
#define CIRC_CNT_TO_END(head, tail, size) \
	({ int end = (size) - (tail); \
	   int n = ((head) + end) & ((size) - 1); \
	   n < end ? n : end; })
#define CIRC_SPACE_TO_END(head, tail, size) \
	({ int end = (size) - 1 - (head); \
	   int n = (end + (tail)) & ((size) - 1); \
	   n <= end ? n : end + 1; })

#endif
