/**
 * The first front-end stage: reads a spec file and its imports with the ANTLR grammar and builds
 * the syntax tree ({@code Ast}), reporting syntax errors as diagnostics.
 */
package dev.walkspec.parse;
