/*
 * Userspace stand-ins for the kernel types, macros and functions a walkspec C rendering uses, for
 * the equivalence test (CEquivalenceTest). Written for walkspec; each one does what the walk
 * needs of it and prints the trace event the reference semantics prints for it, in the format of
 * `walkspec trace` (docs/scenarios.md).
 *
 * Compile-time settings: KVM_HAVE_MMU_RWLOCK (the MMU lock is a rwlock), HARNESS_NR_AS (address
 * spaces), CONFIG_<option>=1 for each bool Kconfig option that is on, CONFIG_<option>=<n> for int
 * options, HARNESS_INT_RESULTS (handlers return int).
 */
#ifndef HARNESS_SHIM_H
#define HARNESS_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long long u64;
typedef u64 gfn_t;

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

#define max_t(type, a, b) ((type)(a) > (type)(b) ? (type)(a) : (type)(b))
#define min_t(type, a, b) ((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

/* IS_ENABLED(CONFIG_X): 1 when CONFIG_X is defined as 1, else 0 (a placeholder-macro idiom). */
#define HARNESS_PLACEHOLDER_1 0,
#define HARNESS_SECOND(ignored, value, ...) value
#define HARNESS_ENABLED3(junk_or_zero) HARNESS_SECOND(junk_or_zero 1, 0, 0)
#define HARNESS_ENABLED2(value) HARNESS_ENABLED3(HARNESS_PLACEHOLDER_##value)
#define IS_ENABLED(option) HARNESS_ENABLED2(option)

/* The trace: one event per line on stdout. */
static inline void harness_event(const char *event)
{
	fputs(event, stdout);
	fputc('\n', stdout);
}

/* WARN_ON_ONCE: the rule id of the warning's line comes from the rendering's rule groups. */
extern const char *harness_rule_at(int line);
static inline bool harness_warn(bool condition, int line)
{
	if (condition)
		printf("WARN %s\n", harness_rule_at(line));
	return condition;
}
#define WARN_ON_ONCE(condition) harness_warn(!!(condition), __LINE__)

/* The memslots: each address space a list of slots sorted as the hva interval tree yields them. */
#define HARNESS_MAX_SLOTS 8
#define HARNESS_MAX_AS 4

struct interval_tree_node {
	unsigned long start;
	unsigned long last;
	struct interval_tree_node *next;
};

struct kvm_memory_slot {
	struct interval_tree_node hva_node[2];
	gfn_t base_gfn;
	unsigned long npages;
	unsigned long userspace_addr;
	short id;
	short as_id;
};

struct kvm_memslots {
	int node_idx;
	struct interval_tree_node *first;
};

struct kvm {
	int srcu;
	int mmu_lock;
	int locked;
	int nr_as;
	struct kvm_memslots memslots[HARNESS_MAX_AS];
	struct kvm_memory_slot slots[HARNESS_MAX_AS][HARNESS_MAX_SLOTS];
};

enum kvm_gfn_range_filter {
	KVM_FILTER_SHARED = 1,
	KVM_FILTER_PRIVATE = 2,
};

static inline struct interval_tree_node *harness_overlapping(struct interval_tree_node *node,
							     unsigned long start,
							     unsigned long last)
{
	for (; node; node = node->next)
		if (node->start <= last && node->last >= start)
			return node;
	return NULL;
}

#define kvm_for_each_memslot_in_hva_range(node, slots, start, last)			\
	for (node = harness_overlapping((slots)->first, start, last); node;		\
	     node = harness_overlapping(node->next, start, last))

static inline int kvm_arch_nr_memslot_as_ids(struct kvm *kvm)
{
	return kvm->nr_as;
}

static inline struct kvm_memslots *__kvm_memslots(struct kvm *kvm, int as_id)
{
	return &kvm->memslots[as_id];
}

static inline gfn_t hva_to_gfn_memslot(unsigned long hva, struct kvm_memory_slot *slot)
{
	return slot->base_gfn + ((hva - slot->userspace_addr) >> PAGE_SHIFT);
}

/* SRCU and the MMU lock: events, and a check that the lock is never taken twice or dropped unheld. */
static inline int srcu_read_lock(int *srcu)
{
	(void)srcu;
	harness_event("SRCU_LOCK");
	return 0;
}

static inline void srcu_read_unlock(int *srcu, int idx)
{
	(void)srcu;
	(void)idx;
	harness_event("SRCU_UNLOCK");
}

static inline void harness_lock(int *lock, const char *event)
{
	struct kvm *kvm = container_of(lock, struct kvm, mmu_lock);

	if (kvm->locked++)
		harness_event("HARNESS_ERROR lock taken twice");
	harness_event(event);
}

static inline void harness_unlock(int *lock, const char *event)
{
	struct kvm *kvm = container_of(lock, struct kvm, mmu_lock);

	if (--kvm->locked)
		harness_event("HARNESS_ERROR unlock of a lock not held");
	harness_event(event);
}

#define write_lock(lock) harness_lock(lock, "LOCK write")
#define write_unlock(lock) harness_unlock(lock, "UNLOCK write")
#define read_lock(lock) harness_lock(lock, "LOCK read")
#define read_unlock(lock) harness_unlock(lock, "UNLOCK read")
#define spin_lock(lock) harness_lock(lock, "LOCK spin")
#define spin_unlock(lock) harness_unlock(lock, "UNLOCK spin")

#ifdef KVM_HAVE_MMU_RWLOCK
#define KVM_MMU_LOCK(kvm) write_lock(&(kvm)->mmu_lock)
#define KVM_MMU_UNLOCK(kvm) write_unlock(&(kvm)->mmu_lock)
#else
#define KVM_MMU_LOCK(kvm) spin_lock(&(kvm)->mmu_lock)
#define KVM_MMU_UNLOCK(kvm) spin_unlock(&(kvm)->mmu_lock)
#endif

static inline void kvm_flush_remote_tlbs(struct kvm *kvm)
{
	(void)kvm;
	harness_event("FLUSH");
}

/* A callback slot holding the null stub is "not set"; glue.h defines the stub. */
#define IS_KVM_NULL_FN(fn) ((void *)(fn) == (void *)kvm_null_fn)

/* What the successive handler calls of one scenario return. */
#define HARNESS_MAX_RESULTS 64
static long harness_results[HARNESS_MAX_RESULTS];
static int harness_result_count;
static int harness_calls;

static inline long harness_next_result(void)
{
	long result = harness_calls < harness_result_count ? harness_results[harness_calls] : 0;

	harness_calls++;
	return result;
}

static inline void harness_on_lock(const char *name)
{
	printf("ON_LOCK %s\n", name);
}

#endif /* HARNESS_SHIM_H */
