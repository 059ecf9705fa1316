/**
 * s390's handlers as the new gmap has them (Linux v7.0): KVM's own DAT tables, aged on the lockless
 * walk under the MMU lock taken for read (H1 allows it), unmapped under the write lock with DAT
 * instructions that keep the TLBs coherent by themselves (the profile's coherent_zap: H11, H12).
 * Ports of the kernel's behaviour, not transcriptions.
 */
package dev.walkspec.arch.s390;
