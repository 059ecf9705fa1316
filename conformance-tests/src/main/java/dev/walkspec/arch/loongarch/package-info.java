/** LoongArch: aging and unmap with plain (non-atomic) entry writes, correct only under the lock. */
package dev.walkspec.arch.loongarch;
