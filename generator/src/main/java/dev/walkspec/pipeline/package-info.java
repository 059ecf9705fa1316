/**
 * The stages wired together: the front end as one call (load, assemble, check) and the build
 * requests the command line and the Maven plugin run (generation, C rendering, exploration, spec
 * archives).
 */
package dev.walkspec.pipeline;
