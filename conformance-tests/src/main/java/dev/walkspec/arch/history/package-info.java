/**
 * Handlers as the kernel had them before a fix, or as a fix was first posted: each one the kernel's
 * port of its arch with that one handler as it was, named for the commit or patch it comes from. A
 * failure here is a real bug of the kernel's past, so these sets show that walkspec would have
 * found it, and that the fix makes the difference (or, where it does not, say so).
 */
package dev.walkspec.arch.history;
