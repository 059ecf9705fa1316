/**
 * Known-bad variants: each is one small edit of a handler of this module and breaks one handler
 * obligation, named in its Javadoc. The conformance kit must catch every one of them.
 */
package dev.walkspec.arch.bad;
