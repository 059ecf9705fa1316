/**
 * The {@code walkspec} command line (picocli): check, generate, explore, replay, trace, diff and
 * kernel-check. The top of the generator; no other package of it depends on this one.
 */
package dev.walkspec.cli;
