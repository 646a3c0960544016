/* linux/rwlock.h: rwlock_t, the spinning reader-writer lock. Readers share it, a writer
 * excludes everyone; both make the context atomic like a spinlock. Waiters spin, then
 * yield (src/kernel/rwlock.c). Included by linux/spinlock.h. */
#ifndef UKMEM_LINUX_RWLOCK_H
#define UKMEM_LINUX_RWLOCK_H

#include <linux/spinlock_types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>

void do_raw_read_lock(rwlock_t *lock);
bool do_raw_read_trylock(rwlock_t *lock);
void do_raw_read_unlock(rwlock_t *lock);
void do_raw_write_lock(rwlock_t *lock);
bool do_raw_write_trylock(rwlock_t *lock);
void do_raw_write_unlock(rwlock_t *lock);

#define rwlock_init(l)	do { *(l) = (rwlock_t)__RW_LOCK_UNLOCKED(l); } while (0)
#define read_lock(l)	do { preempt_disable(); do_raw_read_lock(l); } while (0)
#define read_unlock(l)	do { do_raw_read_unlock(l); preempt_enable(); } while (0)
#define write_lock(l)	do { preempt_disable(); do_raw_write_lock(l); } while (0)
#define write_unlock(l)	do { do_raw_write_unlock(l); preempt_enable(); } while (0)
#define read_trylock(l)	({ preempt_disable(); do_raw_read_trylock(l) ? 1 : ({ preempt_enable(); 0; }); })
#define write_trylock(l) ({ preempt_disable(); do_raw_write_trylock(l) ? 1 : ({ preempt_enable(); 0; }); })
#define read_lock_irq(l)	do { local_irq_disable(); read_lock(l); } while (0)
#define read_unlock_irq(l)	do { read_unlock(l); local_irq_enable(); } while (0)
#define write_lock_irq(l)	do { local_irq_disable(); write_lock(l); } while (0)
#define write_unlock_irq(l)	do { write_unlock(l); local_irq_enable(); } while (0)
#define read_lock_irqsave(l, flags)	do { local_irq_save(flags); read_lock(l); } while (0)
#define read_unlock_irqrestore(l, flags) do { read_unlock(l); local_irq_restore(flags); } while (0)
#define write_lock_irqsave(l, flags)	do { local_irq_save(flags); write_lock(l); } while (0)
#define write_unlock_irqrestore(l, flags) do { write_unlock(l); local_irq_restore(flags); } while (0)
#define read_lock_bh(l)	do { local_bh_disable(); read_lock(l); } while (0)
#define read_unlock_bh(l) do { read_unlock(l); local_bh_enable(); } while (0)
#define write_lock_bh(l) do { local_bh_disable(); write_lock(l); } while (0)
#define write_unlock_bh(l) do { write_unlock(l); local_bh_enable(); } while (0)

#endif
