/**
 * The x86 TDP MMU: lockless aging under RCU only (H1, H3, H4), unmap of valid and invalid roots
 * under the write lock (H9, H12), and the dirty-logging write-protect path that keeps volatile
 * entries atomic (H5).
 */
package dev.walkspec.arch.x86.tdp;
