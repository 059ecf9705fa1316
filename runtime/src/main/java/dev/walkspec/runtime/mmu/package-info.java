/**
 * The simulated secondary MMU: radix page tables, the reverse map, leaf cursors, and the
 * invalidation bookkeeping (C1/C2) that the fault path's retry check (H13) reads.
 */
package dev.walkspec.runtime.mmu;
