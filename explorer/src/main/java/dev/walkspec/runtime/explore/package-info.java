/**
 * The schedule explorer (walkspec-explorer): runs actors on a {@code World} under the cooperative
 * scheduler, searches interleavings (depth-first or PCT), checks invariants and monitors, and
 * shrinks a failing schedule to a counterexample that can be replayed.
 */
package dev.walkspec.runtime.explore;
