/**
 * The second front-end stage: turns the parsed syntax of a spec and its imports into one model
 * ({@code dev.walkspec.model}), applying refinements.
 */
package dev.walkspec.assemble;
