/**
 * Named example scenarios for {@code walkspec explore} and {@code walkspec replay}: small worlds
 * with handlers that carry a planted bug, each next to its correct counterpart.
 */
package dev.walkspec.runtime.explore.examples;
