/*
 * Runs scenarios through a walkspec C rendering and prints their traces in the format of
 * `walkspec trace`. Written for walkspec's equivalence test (CEquivalenceTest), which writes
 * glue.h for each spec: it includes shim.h and the rendering, and defines harness_ret_t (the
 * walk's result type), harness_rule_at, harness_explicit and harness_operation.
 *
 * One scenario per line on stdin, numbers separated by blanks:
 *   X start end FLAGS... handler on_lock LAYOUT RESULTS   explicit inputs, flags in the order
 *                                                         of the walker's flags
 *   O op PARAMS... PARAM_FLAGS... LAYOUT RESULTS          operation number op (0: the first)
 * LAYOUT is the number of address spaces given, then for each its number of slots and for each
 * slot: id base_gfn npages userspace_addr. RESULTS is a count, then the handler results. A line
 * "F" flushes the traces written so far (the test sends it before it waits for them).
 */
#include "glue.h"

static char *cursor;

static long next_number(void)
{
	char *end;
	long value = strtol(cursor, &end, 10);

	if (end == cursor) {
		fprintf(stderr, "harness: a number was expected at '%s'\n", cursor);
		exit(2);
	}
	cursor = end;
	return value;
}

static void insert_sorted(struct kvm_memslots *slots, struct kvm_memory_slot *slot)
{
	struct interval_tree_node **at = &slots->first;

	/* The interval tree yields slots by start address, equal starts by slot id. */
	while (*at) {
		struct kvm_memory_slot *other = container_of(*at, struct kvm_memory_slot, hva_node[0]);

		if (other->userspace_addr > slot->userspace_addr ||
		    (other->userspace_addr == slot->userspace_addr && other->id > slot->id))
			break;
		at = &(*at)->next;
	}
	slot->hva_node[0].next = *at;
	*at = &slot->hva_node[0];
}

static void read_layout(struct kvm *kvm)
{
	long spaces = next_number();

	memset(kvm, 0, sizeof(*kvm));
	kvm->nr_as = HARNESS_NR_AS;
	for (long as = 0; as < spaces; as++) {
		long count = next_number();

		for (long i = 0; i < count; i++) {
			struct kvm_memory_slot *slot = &kvm->slots[as][i];

			slot->id = (short)next_number();
			slot->as_id = (short)as;
			slot->base_gfn = (gfn_t)next_number();
			slot->npages = (unsigned long)next_number();
			slot->userspace_addr = (unsigned long)next_number();
			slot->hva_node[0].start = slot->userspace_addr;
			slot->hva_node[0].last = slot->userspace_addr + slot->npages * PAGE_SIZE - 1;
			insert_sorted(&kvm->memslots[as], slot);
		}
	}
}

static void read_results(void)
{
	harness_result_count = (int)next_number();
	for (int i = 0; i < harness_result_count; i++)
		harness_results[i] = next_number();
	harness_calls = 0;
}

int main(void)
{
	static char line[4096];
	static char output[1 << 20];
	static struct kvm kvm;
	static long numbers[64];

	setvbuf(stdout, output, _IOFBF, sizeof(output));
	while (fgets(line, sizeof(line), stdin)) {
		char kind = line[0];
		long start, end, op;
		harness_ret_t r;

		if (kind == 'F')
			fflush(stdout);
		if (kind != 'X' && kind != 'O')
			continue;
		cursor = line + 1;
		if (kind == 'X') {
			start = next_number();
			end = next_number();
			for (int i = 0; i < HARNESS_FLAGS + 2; i++)
				numbers[i] = next_number();
			read_layout(&kvm);
			read_results();
			r = harness_explicit(&kvm, start, end, numbers);
		} else {
			op = next_number();
			for (int i = 0; i < harness_operation_inputs(op); i++)
				numbers[i] = next_number();
			read_layout(&kvm);
			read_results();
			r = harness_operation(&kvm, op, numbers);
		}
		if (kvm.locked)
			harness_event("HARNESS_ERROR the walk returned holding the MMU lock");
#if HARNESS_INT_RESULTS
		printf("RESULT ret=%d found_memslot=%s\n", (int)r.ret,
		       r.found_memslot ? "true" : "false");
#else
		printf("RESULT ret=%s found_memslot=%s\n", r.ret ? "true" : "false",
		       r.found_memslot ? "true" : "false");
#endif
	}
	return 0;
}
