/**
 * What-if handlers: an arch's handler after the first change someone would make to run it under a
 * different spec, or to fix what the kernel's breaks, to see what breaks next. Not the kernel's
 * code; experiments on it. The {@code *AlignedStride*} classes are x86's handlers with the shadow
 * MMU's aging walk stepping from block to block instead of from range.start (H9).
 */
package dev.walkspec.arch.whatif;
