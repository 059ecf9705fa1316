/**
 * Virtual CPUs: a TLB, the fault path with its retry protocol (H13) and hardware accesses that set
 * Accessed/Dirty bits while a handler runs.
 */
package dev.walkspec.runtime.vcpu;
