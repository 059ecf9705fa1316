/**
 * Content hashes for caches of results: a class and every class it references ({@link
 * dev.walkspec.suite.cache.ClassClosure}), walkspec's own code ({@link
 * dev.walkspec.suite.cache.CodeVersion}), and a digest of named parts. {@code walkspec conform}'s
 * result cache and the explored suites' cache key their entries with them (issue 19 item 3).
 */
package dev.walkspec.suite.cache;
