/**
 * The result cache of {@code walkspec conform} (issue 19): every judgement of the matrix and the
 * spec mutants' outcomes, stored under {@code target/walkspec-cache} by a content hash of every
 * input that decides them, so that a rerun with nothing changed runs nothing and a change to one
 * handler class reruns only the judgements that load it.
 */
package dev.walkspec.conform.cache;
