/**
 * The simulated synchronisation primitives: the MMU lock, and RCU and SRCU as grace-period domains
 * that keep a read-side record per actor so that a grace period waits only for readers it must.
 */
package dev.walkspec.runtime.sync;
