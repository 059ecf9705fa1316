/**
 * Trace and world events, their sinks and the trace text format that the reference semantics and
 * the generated suites compare walker runs with. Depends only on {@code api}.
 */
package dev.walkspec.runtime.trace;
