/**
 * {@code walkspec conform}: generates the suites for every bundled spec, runs every handler set
 * against them and the spec mutants, and compares the matrix of verdicts with the expected one.
 */
package dev.walkspec.conform;
