/**
 * The one scheduling hook every shared-state operation goes through: a no-op in production, and a
 * cooperative scheduler (one actor running between yield points) when the explorer drives a run.
 */
package dev.walkspec.runtime.sched;
