/**
 * What an arch handler compiles against: the {@code Kvm} view of the simulated VM, the handler and
 * callback interfaces, cursors, lock modes and {@code RuleViolation}. It depends on nothing else in
 * walkspec (the runtime's ArchitectureTest holds that).
 */
package dev.walkspec.runtime.api;
