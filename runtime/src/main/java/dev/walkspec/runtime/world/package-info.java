/**
 * The simulated VM as one object ({@code World}) that tests, the explorer and the harness build and
 * drive; handlers see it only through {@code api.Kvm}. No other runtime package depends on it.
 */
package dev.walkspec.runtime.world;
