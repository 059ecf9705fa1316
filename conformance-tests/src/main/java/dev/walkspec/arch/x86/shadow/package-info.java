/**
 * The x86 shadow MMU: reverse-map walks. Aging takes only the per-head bit lock in read-only mode
 * (no MMU lock, no chain change: H1, H7); unmap runs under the write lock.
 */
package dev.walkspec.arch.x86.shadow;
