/**
 * Arch profiles and page-table entry codecs (x86, arm64, RISC-V, LoongArch): the per-arch facts the
 * simulated MMU uses to read and write entries.
 */
package dev.walkspec.runtime.arch;
