/**
 * riscv g-stage, as the kernel has it: aging looks only at the leaf holding {@code range.start} and
 * warns when the range is not exactly one page or block; unmap clears only leaves that are aligned
 * and wholly inside the range, flushes per leaf itself and returns false.
 */
package dev.walkspec.arch.riscv;
