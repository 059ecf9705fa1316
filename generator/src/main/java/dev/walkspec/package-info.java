/**
 * The generator's root package: only {@code Version}, the walkspec version read from a resource
 * filled in at build time.
 */
package dev.walkspec;
