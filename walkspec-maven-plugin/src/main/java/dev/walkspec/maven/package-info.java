/**
 * The Maven plugin's goals (check, generate, generate-tests, explore): they read specs from the
 * project or a spec artifact and call the generator's pipeline.
 */
package dev.walkspec.maven;
