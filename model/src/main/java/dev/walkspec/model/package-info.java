/**
 * The spec after imports and refinements as immutable records ({@code Spec}, {@code Walker}, {@code
 * Rule}, {@code Expr}), the expression evaluator, and the spec's input files and content hash used
 * by the suites' drift lock.
 */
package dev.walkspec.model;
