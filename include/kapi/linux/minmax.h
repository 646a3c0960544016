/* linux/minmax.h: type-checked-by-evaluation min/max/clamp (each argument evaluated once). */
#ifndef UKMEM_LINUX_MINMAX_H
#define UKMEM_LINUX_MINMAX_H

#ifndef min
#define min(a, b)	({ typeof(a) _a = (a); typeof(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)	({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#endif
#define min_t(type, a, b)	min((type)(a), (type)(b))
#define max_t(type, a, b)	max((type)(a), (type)(b))
#define min3(a, b, c)		min((typeof(a))min(a, b), c)
#define max3(a, b, c)		max((typeof(a))max(a, b), c)
#define min_not_zero(a, b)	({ typeof(a) __a = (a); typeof(b) __b = (b); \
				   __a == 0 ? __b : (__b == 0 ? __a : min(__a, __b)); })
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define clamp_t(type, v, lo, hi)	min_t(type, max_t(type, v, lo), hi)
#define clamp_val(v, lo, hi)	clamp_t(typeof(v), v, lo, hi)
#define swap(a, b)	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

#endif
